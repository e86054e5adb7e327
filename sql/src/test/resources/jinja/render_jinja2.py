"""Renders templates with the real Jinja2, configured as dbt configures it, for the conformance test.

Reads a JSON list of template texts on stdin and writes a JSON list of results on stdout: each
{"ok": true, "out": text} or {"ok": false, "error": "ExceptionType: message"}.
Run with Debian's python3 and its python3-jinja2 package.
"""
import json
import sys

import jinja2
import jinja2.sandbox


def main():
    env = jinja2.sandbox.SandboxedEnvironment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])
    results = []
    for text in json.load(sys.stdin):
        try:
            results.append({"ok": True, "out": env.from_string(text).render()})
        except Exception as e:  # every failure is an outcome to compare
            results.append({"ok": False, "error": type(e).__name__ + ": " + str(e)})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()

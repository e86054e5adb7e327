package dev.leakproof.sql.run;

import dev.leakproof.sql.jinja.MacroRegistry;
import dev.leakproof.sql.project.ProjectException;
import dev.leakproof.sql.project.TestDef;

/**
 * How dbt-core runs a generic test: its node's code is one call of the test's macro,
 * {@code {{ test_<name>(**_dbt_generic_test_kwargs) }}} (or {@code {{ pkg.test_<name>(...) }}} when
 * the yml names a package, as {@code dbt_utils.expression_is_true}), with the arguments from yml
 * rendered into {@code _dbt_generic_test_kwargs}. The macro is the node's package's, the root
 * project's or dbt's own ({@code unique}, {@code not_null}, {@code accepted_values},
 * {@code relationships}); each selects the failing rows.
 */
final class GenericTests {

  /** The name the kwargs have in the test's context, as in dbt-core. */
  static final String KWARGS = "_dbt_generic_test_kwargs";

  /** A test's macro call: its raw code, the test's name and namespace (null when unqualified). */
  record Call(String rawCode, String name, String namespace) {}

  private GenericTests() {}

  static Call call(TestDef test, MacroRegistry macros, String rootProject) {
    String[] parts = test.testName().split("\\.", 2);
    String namespace = parts.length == 2 ? parts[0] : null;
    String name = parts.length == 2 ? parts[1] : parts[0];
    String macro = "test_" + name;
    if (namespace != null) {
      if (!macros.hasPackage(namespace)) {
        throw new ProjectException("Cannot compile test " + test.uniqueName() + " in " + test.file() + ": "
            + test.testName() + " names package " + namespace + ", which is not installed (run deps)");
      }
      if (macros.get(namespace, macro) == null) {
        throw new ProjectException("Cannot compile test " + test.uniqueName() + " in " + test.file()
            + ": package " + namespace + " has no generic test named " + name);
      }
      return new Call("{{ " + namespace + "." + macro + "(**" + KWARGS + ") }}", name, namespace);
    }
    if (macros.resolve(test.packageName(), macro) == null) {
      throw new ProjectException("Cannot compile test " + test.uniqueName() + " in " + test.file()
          + ": no generic test named " + name + " (no {% test " + name + " %} block in " + test.packageName()
          + (test.packageName().equals(rootProject) ? "" : ", " + rootProject) + " or dbt)");
    }
    return new Call("{{ " + macro + "(**" + KWARGS + ") }}", name, null);
  }
}

package dev.leakproof.sql.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A macro bound to where its free names resolve: called with Python's arguments (positional,
 * keyword, defaults evaluated at call time), it renders its body and returns the text, or the
 * value given to dbt's {@code return()}. As in Jinja, extra positional arguments are an error
 * unless the body reads {@code varargs}, unknown keyword arguments unless it reads
 * {@code kwargs}.
 */
public final class Macro implements PyCallable, PyObject {

  private final Node.Macro node;
  private final String file;
  private final Frame closure;
  private final Context globals;

  Macro(Node.Macro node, String file, Frame closure, Context globals) {
    this.node = node;
    this.file = file;
    this.closure = closure;
    this.globals = globals;
  }

  public String name() {
    return node.name();
  }

  public String file() {
    return file;
  }

  @Override
  public Object call(Interpreter in, List<Object> args, Map<String, Object> kwargs) {
    Frame frame = closure != null ? closure.child() : new Frame(null, globals);
    Map<String, Object> kw = new LinkedHashMap<>(kwargs);
    Object caller = kw.remove("caller");
    List<String> params = node.params();
    for (int i = 0; i < params.size(); i++) {
      String p = params.get(i);
      Object value;
      if (i < args.size()) {
        if (kw.containsKey(p)) {
          throw new TemplateException("macro '" + name() + "' got multiple values for argument '" + p + "'");
        }
        value = args.get(i);
      } else if (kw.containsKey(p)) {
        value = kw.remove(p);
      } else if (node.defaults().get(i) != null) {
        value = in.evaluate(node.defaults().get(i), frame, file);
      } else {
        value = new Undefined("parameter '" + p + "' was not provided");
      }
      frame.set(p, value);
    }
    if (args.size() > params.size()) {
      if (!node.catchVarargs()) {
        throw new TemplateException("macro '" + name() + "' takes not more than " + params.size() + " argument(s)");
      }
      frame.set("varargs", new PyTuple(args.subList(params.size(), args.size())));
    } else if (node.catchVarargs()) {
      frame.set("varargs", new PyTuple(List.of()));
    }
    if (!kw.isEmpty() && !node.catchKwargs()) {
      throw new TemplateException("macro '" + name() + "' takes no keyword argument '" + kw.keySet().iterator().next()
          + "'");
    }
    if (node.catchKwargs()) {
      frame.set("kwargs", kw);
    }
    if (caller != null || node.usesCaller()) {
      frame.set("caller", caller != null ? caller : new Undefined("No caller defined"));
    }
    return in.renderMacro(this, node.body(), frame, file);
  }

  @Override
  public Object attribute(String attribute) {
    return switch (attribute) {
      case "name" -> name();
      case "arguments" -> new PyTuple(new ArrayList<>(node.params()));
      case "catch_kwargs" -> node.catchKwargs();
      case "catch_varargs" -> node.catchVarargs();
      case "caller" -> node.usesCaller();
      default -> Py.MISSING;
    };
  }

  @Override
  public String pyStr() {
    return "<Macro '" + name() + "'>";
  }

  @Override
  public String typeName() {
    return "Macro";
  }
}

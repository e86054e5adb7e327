package dev.leakproof.sql.template;

import java.util.List;

/** Jinja's {@code loop} inside a for loop: index, first, last, length, cycle(), changed()... */
final class LoopContext implements PyObject {

  private final List<Object> items;
  private int index;
  private Object lastChanged = Py.MISSING;

  LoopContext(List<Object> items) {
    this.items = items;
  }

  void at(int i) {
    index = i;
  }

  @Override
  public Object attribute(String name) {
    int n = items.size();
    return switch (name) {
      case "index" -> (long) index + 1;
      case "index0" -> (long) index;
      case "revindex" -> (long) (n - index);
      case "revindex0" -> (long) (n - index - 1);
      case "first" -> index == 0;
      case "last" -> index == n - 1;
      case "length" -> (long) n;
      case "depth" -> 1L;
      case "depth0" -> 0L;
      case "previtem" -> index > 0 ? items.get(index - 1) : new Undefined("there is no previous item");
      case "nextitem" -> index < n - 1 ? items.get(index + 1) : new Undefined("there is no next item");
      case "cycle" -> (PyCallable) (in, args, kw) -> {
        if (args.isEmpty()) {
          throw new TemplateException("no items for cycling given");
        }
        return args.get(index % args.size());
      };
      case "changed" -> (PyCallable) (in, args, kw) -> {
        Object value = new PyTuple(args);
        if (lastChanged == Py.MISSING || !Py.eq(lastChanged, value)) {
          lastChanged = value;
          return true;
        }
        return false;
      };
      default -> Py.MISSING;
    };
  }

  @Override
  public String pyStr() {
    return "<LoopContext " + (index + 1) + "/" + items.size() + ">";
  }
}

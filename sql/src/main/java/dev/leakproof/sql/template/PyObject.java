package dev.leakproof.sql.template;

/**
 * A Java object with Python attributes, for the objects of dbt's context (relations, columns,
 * the adapter, agate tables): {@code obj.name} in a template calls {@link #attribute}.
 */
public interface PyObject {

  /** The attribute's value, or {@link Py#MISSING} when the object has none of that name. */
  Object attribute(String name);

  /** What {@code {{ obj }}} prints, Python's {@code str(obj)}. */
  default String pyStr() {
    return toString();
  }

  /** Python's {@code repr(obj)}, used inside printed lists and dicts. */
  default String pyRepr() {
    return pyStr();
  }

  /** Python's type name, for messages. */
  default String typeName() {
    return getClass().getSimpleName();
  }
}

package dev.leakproof.sql.template;

import java.util.List;
import java.util.Map;

/**
 * Something a template can call: a macro, a context function, a bound method. Arguments arrive
 * as Python's positional and keyword lists; throw {@link TemplateException} (or an
 * IllegalArgumentException, turned into one) to fail the render with a message.
 */
@FunctionalInterface
public interface PyCallable {

  Object call(Interpreter interpreter, List<Object> args, Map<String, Object> kwargs);
}

package io.posekit.runtime.config.python;

import java.util.function.Predicate;
import org.python.core.Py;
import org.python.core.PyBuiltinFunctionNarrow;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyType;
import org.python.core.PyUnicode;
import org.python.core.stringlib.FieldNameIterator;
import org.python.core.stringlib.MarkupIterator;

/**
 * {@code str.format} in the sandbox. A format string's field names reach attributes and items at
 * run time ({@code '{0.__class__.__mro__}'.format(1)}), where the compiler's check of attribute
 * names cannot see them; so the compiler rewrites every {@code x.format} into {@code
 * __pk_format__(x)}, and a string's {@code format} then first reads its field names with Jython's
 * own parser (the one {@code format} uses) and refuses the attributes the sandbox forbids in code,
 * and dunder items ({@code '{0[__builtins__]}'}), in the fields and in nested format specs.
 */
final class SafeFormat {
  private SafeFormat() {}

  /** {@code __pk_format__(x)}: {@code x.format}, checked when x is a string or the string type. */
  static final class FormatAttribute extends PyBuiltinFunctionNarrow {
    private final Predicate<String> deniedAttribute;

    FormatAttribute(Predicate<String> deniedAttribute) {
      super("__pk_format__", 1, 1, null);
      this.deniedAttribute = deniedAttribute;
    }

    @Override
    public PyObject __call__(PyObject target) {
      if (target instanceof PyString) {
        return new CheckedFormat(target, deniedAttribute);
      }
      if (target instanceof PyType type && (type.isSubType(PyString.TYPE) || type.isSubType(PyUnicode.TYPE))) {
        return new CheckedFormat(null, deniedAttribute); // str.format(template, ...)
      }
      return target.__getattr__("format");
    }
  }

  /** A string's {@code format}, bound to {@code template} or, when null, taking it as first argument. */
  static final class CheckedFormat extends ScriptFunctions.VarargsFunction {
    private final PyObject template;
    private final Predicate<String> deniedAttribute;

    CheckedFormat(PyObject template, Predicate<String> deniedAttribute) {
      super("format", "S.format(*args, **kwargs) -> string");
      this.template = template;
      this.deniedAttribute = deniedAttribute;
    }

    @Override
    public PyObject __call__(PyObject[] args, String[] keywords) {
      PyObject self = template;
      PyObject[] rest = args;
      if (self == null) {
        if (args.length - keywords.length < 1 || !(args[0] instanceof PyString)) {
          throw Py.TypeError("descriptor 'format' requires a string as its first argument");
        }
        self = args[0];
        rest = java.util.Arrays.copyOfRange(args, 1, args.length);
      }
      if (check((PyString) self, deniedAttribute)) {
        // a width from the arguments ('{0:{1}}'): any int argument may be one
        for (PyObject arg : rest) {
          java.math.BigInteger width = ScriptAllocations.integer(arg);
          if (width != null) {
            ScriptBudget.charge(ScriptAllocations.saturated(width.abs().shiftLeft(1)), "a format spec's width");
          }
        }
      }
      return self.__getattr__("format").__call__(rest, keywords);
    }
  }

  /**
   * Raises a Python ValueError naming the first forbidden attribute or item of {@code template}'s
   * fields, and charges the load's memory budget for the widths and precisions of its format specs.
   * Returns whether a spec takes its width from the arguments ({@code '{0:{1}}'}).
   */
  static boolean check(PyString template, Predicate<String> deniedAttribute) {
    MarkupIterator fields = new MarkupIterator(template);
    long widths = 0;
    boolean expanding = false;
    for (MarkupIterator.Chunk chunk = fields.nextChunk(); chunk != null; chunk = fields.nextChunk()) {
      if (chunk.fieldName != null && !chunk.fieldName.isEmpty()) {
        checkField(chunk.fieldName, deniedAttribute);
      }
      if (chunk.formatSpecNeedsExpanding) {
        expanding = true;
        check(new PyUnicode(chunk.formatSpec), deniedAttribute);
      } else if (chunk.formatSpec != null && !chunk.formatSpec.isEmpty()) {
        widths = Math.min(Long.MAX_VALUE / 4, widths + ScriptAllocations.specWidths(chunk.formatSpec));
      }
    }
    ScriptBudget.charge(2 * widths, "a format spec's width");
    return expanding;
  }

  private static void checkField(String field, Predicate<String> deniedAttribute) {
    FieldNameIterator parts = new FieldNameIterator(field, false);
    for (FieldNameIterator.Chunk part = parts.nextChunk(); part != null; part = parts.nextChunk()) {
      String name = String.valueOf(part.value);
      if (part.is_attr && deniedAttribute.test(name)) {
        throw Py.ValueError("format field '" + field + "': access to attribute '" + name
            + "' is not allowed in a config");
      }
      if (!part.is_attr && name.startsWith("__")) {
        throw Py.ValueError("format field '" + field + "': item '" + name + "' is not allowed in a config");
      }
    }
  }
}

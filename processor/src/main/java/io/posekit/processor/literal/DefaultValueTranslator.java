package io.posekit.processor.literal;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import io.posekit.processor.literal.PyValue.Entry;
import io.posekit.processor.model.ParamModel;
import io.posekit.processor.model.ScalarKind;
import io.posekit.processor.model.ValueShape;
import io.posekit.spi.Tuple;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a parsed default against the parameter's shape and writes the Java expression for it:
 * {@code new int[] {192, 256}}, {@code List.<Integer>of(1, 2)}, {@code FlipMode.HEATMAP},
 * {@code new Sigma(2.0)}, {@code KeypointMSELossConfig.fromMap(...)}.
 */
public final class DefaultValueTranslator {
  /** The name of the insertion-ordered map helper generated configs hold when a default needs it. */
  public static final String ORDERED_MAP = "orderedMap";

  private final ClassName owner;
  private final ComponentCatalog catalog;

  /** {@code owner} is the generated class that holds the {@link #ORDERED_MAP} helper. */
  public DefaultValueTranslator(ClassName owner, ComponentCatalog catalog) {
    this.owner = owner;
    this.catalog = catalog;
  }

  /** True when {@code expression} calls the ordered-map helper. */
  public static boolean usesOrderedMap(CodeBlock expression) {
    return expression != null && expression.toString().contains(ORDERED_MAP + "(");
  }

  /** The expression for {@code value} as a default of {@code shape}; None only when {@code nullable}. */
  public CodeBlock translate(PyValue value, ValueShape shape, boolean nullable)
      throws DefaultValueException {
    if (value instanceof PyValue.PyNone) {
      if (shape instanceof ValueShape.OptionalShape) {
        return CodeBlock.of("$T.empty()", java.util.Optional.class);
      }
      if (nullable || (shape instanceof ValueShape.Scalar s && s.kind() == ScalarKind.ANY)) {
        return CodeBlock.of("null");
      }
      throw new DefaultValueException(
          "None is not a " + shape.describe() + "; make the parameter @Nullable or Optional, or give a value");
    }
    if (shape instanceof ValueShape.Scalar scalar) {
      return scalar(value, scalar.kind());
    } else if (shape instanceof ValueShape.EnumShape e) {
      return enumConstant(value, e);
    } else if (shape instanceof ValueShape.ArrayShape array) {
      return array(value, array);
    } else if (shape instanceof ValueShape.ListShape list) {
      return list(value, list);
    } else if (shape instanceof ValueShape.MapShape map) {
      return map(value, map);
    } else if (shape instanceof ValueShape.OptionalShape) {
      // a given None must read as empty, which a present default would contradict
      throw new DefaultValueException(
          "an Optional is empty when the key is missing, so its only default is None;"
              + " use a plain type with this default instead");
    } else if (shape instanceof ValueShape.RecordShape record) {
      return record(value, record);
    }
    return component(value, (ValueShape.ComponentShape) shape);
  }

  private CodeBlock scalar(PyValue value, ScalarKind kind) throws DefaultValueException {
    switch (kind) {
      case BOOLEAN:
        if (value instanceof PyValue.PyBool b) {
          return CodeBlock.of("$L", b.value());
        }
        break;
      case INT:
        if (value instanceof PyValue.PyInt i && i.value().bitLength() < 32) {
          return CodeBlock.of("$L", i.value().intValue());
        }
        break;
      case LONG:
        if (value instanceof PyValue.PyInt i && i.value().bitLength() < 64) {
          return CodeBlock.of("$LL", i.value().longValue());
        }
        break;
      case FLOAT:
        if (value instanceof PyValue.PyInt || value instanceof PyValue.PyFloat) {
          return CodeBlock.of("$Lf", Float.toString((float) number(value)));
        }
        break;
      case DOUBLE:
        if (value instanceof PyValue.PyInt || value instanceof PyValue.PyFloat) {
          return CodeBlock.of("$L", Double.toString(number(value)));
        }
        break;
      case STRING:
        if (value instanceof PyValue.PyStr s) {
          return CodeBlock.of("$S", s.value());
        }
        break;
      case ANY:
        return anyValue(value);
    }
    throw mismatch(value, kind.pythonName());
  }

  private static double number(PyValue value) {
    return value instanceof PyValue.PyInt i ? i.value().doubleValue() : ((PyValue.PyFloat) value).value();
  }

  private CodeBlock enumConstant(PyValue value, ValueShape.EnumShape shape) throws DefaultValueException {
    if (value instanceof PyValue.PyStr s) {
      int at = shape.configValues().indexOf(s.value());
      if (at >= 0) {
        return CodeBlock.of("$T.$L", shape.type(), shape.constants().get(at));
      }
      throw new DefaultValueException(
          "'" + s.value() + "' is not a config value of " + shape.type().simpleName() + "; one of "
              + shape.configValues() + " is needed");
    }
    throw mismatch(value, shape.describe());
  }

  private CodeBlock array(PyValue value, ValueShape.ArrayShape shape) throws DefaultValueException {
    List<PyValue> items = sequence(value, shape.describe());
    List<CodeBlock> elements = new ArrayList<>();
    for (PyValue item : items) {
      elements.add(translate(item, shape.element(), false));
    }
    return CodeBlock.of("new $T {$L}", shape.configType(), CodeBlock.join(elements, ", "));
  }

  private CodeBlock list(PyValue value, ValueShape.ListShape shape) throws DefaultValueException {
    List<CodeBlock> elements = new ArrayList<>();
    for (PyValue item : sequence(value, shape.describe())) {
      elements.add(translate(item, shape.element(), false));
    }
    return CodeBlock.of("$T.<$T>of($L)", List.class, shape.element().boxedConfigType(), CodeBlock.join(elements, ", "));
  }

  private CodeBlock map(PyValue value, ValueShape.MapShape shape) throws DefaultValueException {
    if (!(value instanceof PyValue.PyDict dict)) {
      throw mismatch(value, shape.describe());
    }
    List<CodeBlock> keys = new ArrayList<>();
    List<CodeBlock> values = new ArrayList<>();
    for (Entry entry : dict.entries()) {
      if (!(entry.key() instanceof PyValue.PyStr key)) {
        throw new DefaultValueException("dict keys must be str for " + shape.describe());
      }
      keys.add(CodeBlock.of("$S", key.value()));
      values.add(translate(entry.value(), shape.value(), false));
    }
    return orderedMap(ClassName.get(String.class), keys, shape.value().boxedConfigType(), values);
  }

  private CodeBlock record(PyValue value, ValueShape.RecordShape shape) throws DefaultValueException {
    if (!(value instanceof PyValue.PyDict dict)) {
      throw mismatch(value, "dict for " + shape.describe());
    }
    List<String> known = shape.components().stream().map(ParamModel::key).toList();
    for (Entry entry : dict.entries()) {
      if (!(entry.key() instanceof PyValue.PyStr key) || !known.contains(key.value())) {
        throw new DefaultValueException(
            "unknown key " + entry.key() + " for " + shape.describe() + "; known keys: " + known);
      }
    }
    List<CodeBlock> arguments = new ArrayList<>();
    for (ParamModel component : shape.components()) {
      PyValue given = dict.get(component.key());
      if (given != null) {
        arguments.add(translate(given, component.shape(), component.nullable()));
      } else if (component.hasDefault()) {
        arguments.add(component.defaultExpression());
      } else if (component.nullable()) {
        arguments.add(CodeBlock.of("null"));
      } else {
        throw new DefaultValueException(
            "the default for " + shape.describe() + " misses its required key '" + component.key() + "'");
      }
    }
    return CodeBlock.of("new $T($L)", shape.type(), CodeBlock.join(arguments, ", "));
  }

  private CodeBlock component(PyValue value, ValueShape.ComponentShape shape) throws DefaultValueException {
    if (!(value instanceof PyValue.PyDict dict) || !(dict.get("type") instanceof PyValue.PyStr type)) {
      throw new DefaultValueException(
          "a " + shape.describe() + " default must be a dict with a type, like dict(type='Name', ...)");
    }
    List<String> keys = new ArrayList<>();
    for (Entry entry : dict.entries()) {
      if (entry.key() instanceof PyValue.PyStr key && !key.value().equals("type")) {
        keys.add(key.value());
      }
    }
    ClassName config = catalog.configClassFor(type.value(), shape, keys);
    List<CodeBlock> keyCode = new ArrayList<>();
    List<CodeBlock> valueCode = new ArrayList<>();
    for (Entry entry : dict.entries()) {
      keyCode.add(anyValue(entry.key()));
      valueCode.add(anyValue(entry.value()));
    }
    return CodeBlock.of(
        "$T.fromMap($L)", config,
        orderedMap(ClassName.get(String.class), keyCode, ClassName.OBJECT, valueCode));
  }

  /** A config value as the reader takes it: Tuple, List, Map, String, Integer, Double... */
  private CodeBlock anyValue(PyValue value) throws DefaultValueException {
    if (value instanceof PyValue.PyNone) {
      return CodeBlock.of("null");
    } else if (value instanceof PyValue.PyBool b) {
      return CodeBlock.of("$L", b.value());
    } else if (value instanceof PyValue.PyInt i) {
      return anyInt(i.value());
    } else if (value instanceof PyValue.PyFloat f) {
      return CodeBlock.of("$L", Double.toString(f.value()));
    } else if (value instanceof PyValue.PyStr s) {
      return CodeBlock.of("$S", s.value());
    } else if (value instanceof PyValue.PyTuple t) {
      return CodeBlock.of("$T.of($L)", Tuple.class, anyItems(t.items()));
    } else if (value instanceof PyValue.PyList l) {
      return CodeBlock.of("$T.<$T>of($L)", List.class, Object.class, anyItems(l.items()));
    }
    List<CodeBlock> keys = new ArrayList<>();
    List<CodeBlock> values = new ArrayList<>();
    for (Entry entry : ((PyValue.PyDict) value).entries()) {
      keys.add(anyValue(entry.key()));
      values.add(anyValue(entry.value()));
    }
    return orderedMap(ClassName.OBJECT, keys, ClassName.OBJECT, values);
  }

  private static CodeBlock anyInt(BigInteger value) {
    if (value.bitLength() < 32) {
      return CodeBlock.of("$L", value.intValue());
    }
    if (value.bitLength() < 64) {
      return CodeBlock.of("$LL", value.longValue());
    }
    return CodeBlock.of("new $T($S)", BigInteger.class, value.toString());
  }

  private CodeBlock anyItems(List<PyValue> items) throws DefaultValueException {
    List<CodeBlock> out = new ArrayList<>();
    for (PyValue item : items) {
      if (item instanceof PyValue.PyNone) {
        throw new DefaultValueException("None inside a list or tuple default is not supported");
      }
      out.add(anyValue(item));
    }
    return CodeBlock.join(out, ", ");
  }

  private CodeBlock orderedMap(TypeName keyType, List<CodeBlock> keys, TypeName valueType, List<CodeBlock> values) {
    return CodeBlock.of(
        "$T.<$T, $T>$L($T.asList($L), $T.asList($L))",
        owner, keyType, valueType, ORDERED_MAP,
        java.util.Arrays.class, CodeBlock.join(keys, ", "),
        java.util.Arrays.class, CodeBlock.join(values, ", "));
  }

  private static List<PyValue> sequence(PyValue value, String expected) throws DefaultValueException {
    if (value instanceof PyValue.PyTuple t) {
      return t.items();
    }
    if (value instanceof PyValue.PyList l) {
      return l.items();
    }
    throw mismatch(value, expected);
  }

  private static DefaultValueException mismatch(PyValue value, String expected) {
    return new DefaultValueException("a " + value.typeName() + " is not a " + expected);
  }
}

package io.posekit.processor.writer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.posekit.processor.model.ParamModel;
import io.posekit.processor.model.ValueShape;
import java.util.ArrayList;
import java.util.List;

/** Writes the {@code io.posekit.spi.ValueTypes} expression that reads and writes a shape. */
final class ValueTypeExpressions {
  static final ClassName VALUE_TYPES = ClassName.get("io.posekit.spi", "ValueTypes");
  static final ClassName VALUE_TYPE = ClassName.get("io.posekit.spi", "ValueType");

  private ValueTypeExpressions() {}

  /** {@code ValueType<T>} for the value a key holds (an Optional's element). */
  static TypeName fieldType(ValueShape shape) {
    return ParameterizedTypeName.get(VALUE_TYPE, readShape(shape).boxedConfigType());
  }

  /** The shape the key's value is read as: an Optional reads its element. */
  static ValueShape readShape(ValueShape shape) {
    return shape instanceof ValueShape.OptionalShape optional ? optional.element() : shape;
  }

  static CodeBlock of(ValueShape shape) {
    if (shape instanceof ValueShape.Scalar scalar) {
      return CodeBlock.of("$T.$L", VALUE_TYPES, scalar.kind().valueTypeConstant());
    } else if (shape instanceof ValueShape.EnumShape e) {
      List<CodeBlock> values = new ArrayList<>();
      for (String value : e.configValues()) {
        values.add(CodeBlock.of("$S", value));
      }
      return CodeBlock.of(
          "$T.enumOf($S, $T.values(), new String[] {$L})",
          VALUE_TYPES, e.type().simpleName(), e.type(), CodeBlock.join(values, ", "));
    } else if (shape instanceof ValueShape.ListShape list) {
      return CodeBlock.of("$T.listOf($L)", VALUE_TYPES, of(list.element()));
    } else if (shape instanceof ValueShape.MapShape map) {
      return CodeBlock.of("$T.mapOf($L)", VALUE_TYPES, of(map.value()));
    } else if (shape instanceof ValueShape.ArrayShape array) {
      String factory = switch (array.element().kind()) {
        case BOOLEAN -> "booleanArray";
        case INT -> "intArray";
        case LONG -> "longArray";
        case FLOAT -> "floatArray";
        case DOUBLE -> "doubleArray";
        case STRING -> "stringArray";
        case ANY -> throw new IllegalStateException("no Object[] tuples");
      };
      return CodeBlock.of("$T.$L(-1)", VALUE_TYPES, factory);
    } else if (shape instanceof ValueShape.OptionalShape optional) {
      return of(optional.element());
    } else if (shape instanceof ValueShape.RecordShape record) {
      return record(record);
    }
    ValueShape.ComponentShape component = (ValueShape.ComponentShape) shape;
    // SCOPE: the generated spec's own scope, against which a nested module of another scope is written
    return CodeBlock.of("$T.component($T.class, SCOPE)", VALUE_TYPES, component.base());
  }

  private static CodeBlock record(ValueShape.RecordShape record) {
    List<CodeBlock> fields = new ArrayList<>();
    List<CodeBlock> arguments = new ArrayList<>();
    List<CodeBlock> components = new ArrayList<>();
    for (int i = 0; i < record.components().size(); i++) {
      ParamModel component = record.components().get(i);
      if (component.hasDefault()) {
        fields.add(CodeBlock.of(
            "$T.optionalField($S, $L, $L, $L)", VALUE_TYPES, component.key(), of(component.shape()),
            component.nullable(), component.defaultExpression()));
      } else if (component.nullable()) {
        fields.add(CodeBlock.of(
            "$T.optionalField($S, $L, true, null)", VALUE_TYPES, component.key(), of(component.shape())));
      } else {
        fields.add(CodeBlock.of(
            "$T.requiredField($S, $L, false)", VALUE_TYPES, component.key(), of(component.shape())));
      }
      arguments.add(CodeBlock.of("($T) values[$L]", component.shape().boxedConfigType(), i));
      components.add(CodeBlock.of("value.$L()", component.javaName()));
    }
    return CodeBlock.of(
        "$T.record($S, $T.of($L), values -> new $T($L), value -> new Object[] {$L})",
        VALUE_TYPES, record.type().simpleName(), List.class, CodeBlock.join(fields, ", "), record.type(),
        CodeBlock.join(arguments, ", "), CodeBlock.join(components, ", "));
  }
}

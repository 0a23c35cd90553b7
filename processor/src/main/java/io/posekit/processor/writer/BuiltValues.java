package io.posekit.processor.writer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.posekit.processor.model.ValueShape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the expression turning a config value holding components into the value the constructor
 * takes: each {@code ModuleConfig} built with the context, inside lists, maps and optionals too.
 */
final class BuiltValues {
  private BuiltValues() {}

  static CodeBlock convert(ValueShape shape, CodeBlock value, int depth) {
    if (shape instanceof ValueShape.ComponentShape) {
      return CodeBlock.of("$L.build(context)", value);
    }
    String v = "item" + depth;
    if (shape instanceof ValueShape.ListShape list) {
      return CodeBlock.of(
          "$L.stream().<$T>map($L -> $L).collect($T.toList())",
          value, javaType(list.element()), v, convert(list.element(), CodeBlock.of("$L", v), depth + 1),
          Collectors.class);
    }
    if (shape instanceof ValueShape.OptionalShape optional) {
      return CodeBlock.of(
          "$L.<$T>map($L -> $L)",
          value, javaType(optional.element()), v, convert(optional.element(), CodeBlock.of("$L", v), depth + 1));
    }
    if (shape instanceof ValueShape.MapShape map) {
      TypeName entry = ParameterizedTypeName.get(
          ClassName.get(Map.Entry.class), ClassName.get(String.class), map.value().boxedConfigType());
      TypeName target = javaType(map.value());
      return CodeBlock.of(
          "$L.entrySet().stream().collect($T.<$T, $T, $T, $T>toMap($T::getKey, $L -> $L, (a, b) -> a, $T::new))",
          value, Collectors.class, entry, String.class, target,
          ParameterizedTypeName.get(ClassName.get(LinkedHashMap.class), ClassName.get(String.class), target),
          ClassName.get(Map.Entry.class), v,
          convert(map.value(), CodeBlock.of("$L.getValue()", v), depth + 1), LinkedHashMap.class);
    }
    return value;
  }

  /** The type the constructor takes for a shape: components are their base type. */
  static TypeName javaType(ValueShape shape) {
    if (shape instanceof ValueShape.ComponentShape component) {
      return component.base();
    } else if (shape instanceof ValueShape.ListShape list) {
      return ParameterizedTypeName.get(ClassName.get(List.class), javaType(list.element()));
    } else if (shape instanceof ValueShape.MapShape map) {
      return ParameterizedTypeName.get(ClassName.get(Map.class), ClassName.get(String.class), javaType(map.value()));
    } else if (shape instanceof ValueShape.OptionalShape optional) {
      return ParameterizedTypeName.get(ClassName.get(java.util.Optional.class), javaType(optional.element()));
    }
    return shape.boxedConfigType();
  }
}

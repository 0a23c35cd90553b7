package io.posekit.processor.model;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import javax.lang.model.element.Element;

/**
 * One constructor parameter of a module (or one component of a config record).
 *
 * @param element the parameter or record component, for messages
 * @param javaName the Java name, also the accessor name in the generated config
 * @param key the config key; for a provided parameter the name the runtime provides it under
 * @param shape the kind of config value
 * @param javaType the declared Java type (for metadata and for provided parameters)
 * @param defaultLiteral the {@code @Param(defaultValue)} text, or null when there is none
 * @param defaultExpression the Java expression for the default, or null when there is none
 * @param nullable whether None is accepted (the parameter is {@code @Nullable})
 * @param nullableAnnotation the parameter's own {@code @Nullable}, copied onto the accessor
 * @param provided whether the runtime supplies it ({@code @Provided}) rather than the config
 * @param doc the first sentence of its {@code @param} javadoc, or empty
 */
public record ParamModel(
    Element element,
    String javaName,
    String key,
    ValueShape shape,
    TypeName javaType,
    String defaultLiteral,
    CodeBlock defaultExpression,
    boolean nullable,
    AnnotationSpec nullableAnnotation,
    boolean provided,
    String doc) {

  public boolean hasDefault() {
    return defaultExpression != null;
  }

  public boolean isOptional() {
    return shape instanceof ValueShape.OptionalShape;
  }

  /** A config key that must be given: no default, not None-able, not Optional. */
  public boolean required() {
    return !provided && !hasDefault() && !nullable && !isOptional();
  }
}

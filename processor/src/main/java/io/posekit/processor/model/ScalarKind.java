package io.posekit.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;

/** The scalar config values, with their Java types and the {@code ValueTypes} constant reading them. */
public enum ScalarKind {
  BOOLEAN(TypeName.BOOLEAN, "bool", "BOOLEAN"),
  INT(TypeName.INT, "int", "INT"),
  LONG(TypeName.LONG, "int", "LONG"),
  FLOAT(TypeName.FLOAT, "float", "FLOAT"),
  DOUBLE(TypeName.DOUBLE, "float", "DOUBLE"),
  STRING(null, "str", "STRING"),
  ANY(null, "object", "ANY");

  private final TypeName primitive;
  private final String pythonName;
  private final String valueTypeConstant;

  ScalarKind(TypeName primitive, String pythonName, String valueTypeConstant) {
    this.primitive = primitive;
    this.pythonName = pythonName;
    this.valueTypeConstant = valueTypeConstant;
  }

  /** The primitive type, or null for String and Object. */
  public TypeName primitive() {
    return primitive;
  }

  public TypeName boxedType() {
    if (this == STRING) {
      return ClassName.get(String.class);
    }
    if (this == ANY) {
      return ClassName.OBJECT;
    }
    return primitive.box();
  }

  public String pythonName() {
    return pythonName;
  }

  /** The name of the {@code io.posekit.spi.ValueTypes} constant for this kind. */
  public String valueTypeConstant() {
    return valueTypeConstant;
  }
}

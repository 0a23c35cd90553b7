package io.posekit.processor.validation;

import com.palantir.javapoet.ClassName;
import io.posekit.processor.model.ParamModel;
import io.posekit.processor.model.ScalarKind;
import io.posekit.processor.model.ValueShape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/** Maps a parameter's Java type to the kind of config value it takes, or says why none fits. */
public final class ShapeResolver {
  /** What the "unsupported parameter type" message lists. */
  public static final String SUPPORTED =
      "boolean, int, long, float, double (or their boxes), String, enums, List<T>, Map<String, T>,"
          + " int[]/long[]/float[]/double[]/boolean[]/String[] (Python tuples), config records,"
          + " Optional<T>, Object, and components (interfaces, abstract classes or @RegisterModule"
          + " classes)";

  private static final String REGISTER_MODULE = "io.posekit.annotations.RegisterModule";

  private final Elements elements;
  private final Function<TypeElement, List<ParamModel>> recordComponents;

  /** {@code recordComponents} models a config record's components (it reports their problems). */
  public ShapeResolver(Elements elements, Function<TypeElement, List<ParamModel>> recordComponents) {
    this.elements = elements;
    this.recordComponents = recordComponents;
  }

  /**
   * The shape of {@code type}; {@code inRecord} forbids components and Optional, which config
   * records cannot hold.
   */
  public ValueShape resolve(TypeMirror type, boolean inRecord) throws UnsupportedTypeException {
    switch (type.getKind()) {
      case BOOLEAN:
        return new ValueShape.Scalar(ScalarKind.BOOLEAN, false);
      case INT:
        return new ValueShape.Scalar(ScalarKind.INT, false);
      case LONG:
        return new ValueShape.Scalar(ScalarKind.LONG, false);
      case FLOAT:
        return new ValueShape.Scalar(ScalarKind.FLOAT, false);
      case DOUBLE:
        return new ValueShape.Scalar(ScalarKind.DOUBLE, false);
      case ARRAY:
        return array((ArrayType) type);
      case DECLARED:
        return declared((DeclaredType) type, inRecord);
      default:
        throw unsupported(type);
    }
  }

  private ValueShape array(ArrayType type) throws UnsupportedTypeException {
    TypeMirror component = type.getComponentType();
    if (component.getKind().isPrimitive() || isClass(component, "java.lang.String")) {
      ValueShape element = resolve(component, true);
      if (element instanceof ValueShape.Scalar scalar) {
        return new ValueShape.ArrayShape(scalar);
      }
    }
    throw unsupported(type);
  }

  private ValueShape declared(DeclaredType type, boolean inRecord) throws UnsupportedTypeException {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    List<? extends TypeMirror> args = type.getTypeArguments();
    switch (name) {
      case "java.lang.Boolean":
        return new ValueShape.Scalar(ScalarKind.BOOLEAN, true);
      case "java.lang.Integer":
        return new ValueShape.Scalar(ScalarKind.INT, true);
      case "java.lang.Long":
        return new ValueShape.Scalar(ScalarKind.LONG, true);
      case "java.lang.Float":
        return new ValueShape.Scalar(ScalarKind.FLOAT, true);
      case "java.lang.Double":
        return new ValueShape.Scalar(ScalarKind.DOUBLE, true);
      case "java.lang.String":
        return new ValueShape.Scalar(ScalarKind.STRING, true);
      case "java.lang.Object":
        return new ValueShape.Scalar(ScalarKind.ANY, true);
      case "java.util.List":
        return new ValueShape.ListShape(resolve(typeArgument(type, args, 0), inRecord));
      case "java.util.Map":
        if (args.size() != 2 || !isClass(args.get(0), "java.lang.String")) {
          throw new UnsupportedTypeException(
              "unsupported parameter type " + type + ": config dicts need String keys (Map<String, T>)");
        }
        return new ValueShape.MapShape(resolve(typeArgument(type, args, 1), inRecord));
      case "java.util.Optional":
        if (inRecord) {
          throw new UnsupportedTypeException(
              "unsupported type " + type + " in a config record: use @Nullable instead of Optional");
        }
        return new ValueShape.OptionalShape(resolve(typeArgument(type, args, 0), false));
      default:
        break;
    }
    if (element.getKind() == ElementKind.ENUM) {
      return enumShape(element);
    }
    if (element.getKind() == ElementKind.RECORD) {
      if (!element.getTypeParameters().isEmpty()) {
        throw new UnsupportedTypeException("unsupported parameter type " + type + ": config records cannot be generic");
      }
      return new ValueShape.RecordShape(ClassName.get(element), recordComponents.apply(element));
    }
    boolean component =
        element.getKind() == ElementKind.INTERFACE
            || (element.getKind() == ElementKind.CLASS && element.getModifiers().contains(Modifier.ABSTRACT))
            || AnnotationLookup.find(element, REGISTER_MODULE) != null;
    if (component && !name.startsWith("java.")) {
      if (inRecord) {
        throw new UnsupportedTypeException(
            "unsupported type " + type + " in a config record: components belong in module constructors");
      }
      if (!element.getTypeParameters().isEmpty()) {
        throw new UnsupportedTypeException(
            "unsupported parameter type " + type + ": a component type cannot be generic");
      }
      return new ValueShape.ComponentShape(ClassName.get(element), elements.getBinaryName(element).toString());
    }
    throw unsupported(type);
  }

  private static TypeMirror typeArgument(DeclaredType type, List<? extends TypeMirror> args, int index)
      throws UnsupportedTypeException {
    if (args.size() <= index) {
      throw new UnsupportedTypeException("unsupported parameter type " + type + ": raw types carry no element type");
    }
    TypeMirror arg = args.get(index);
    if (arg.getKind() == TypeKind.WILDCARD) {
      throw new UnsupportedTypeException(
          "unsupported parameter type " + type + ": write the element type without a wildcard");
    }
    return arg;
  }

  private static ValueShape enumShape(TypeElement element) {
    List<String> constants = new ArrayList<>();
    List<String> configValues = new ArrayList<>();
    for (Element member : element.getEnclosedElements()) {
      if (member.getKind() == ElementKind.ENUM_CONSTANT) {
        String constant = member.getSimpleName().toString();
        var configValue = AnnotationLookup.find(member, "io.posekit.annotations.ConfigValue");
        constants.add(constant);
        configValues.add(configValue == null ? constant : AnnotationLookup.string(configValue, "value"));
      }
    }
    return new ValueShape.EnumShape(ClassName.get(element), List.copyOf(constants), List.copyOf(configValues));
  }

  private static boolean isClass(TypeMirror type, String qualifiedName) {
    return type instanceof DeclaredType declared
        && ((TypeElement) declared.asElement()).getQualifiedName().contentEquals(qualifiedName);
  }

  private static UnsupportedTypeException unsupported(TypeMirror type) {
    return new UnsupportedTypeException(
        "unsupported parameter type " + type + "; supported are " + SUPPORTED);
  }
}

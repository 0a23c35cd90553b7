package io.posekit.processor.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Reads annotations as mirrors, so that messages can point at an annotation or one of its values. */
public final class AnnotationLookup {
  private AnnotationLookup() {}

  /** The annotation of type {@code qualifiedName} on {@code element}, or null. */
  public static AnnotationMirror find(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(qualifiedName)) {
        return mirror;
      }
    }
    return null;
  }

  /** The explicitly written value of {@code name}, or null when the default applies. */
  public static AnnotationValue explicitValue(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** The value of {@code name}, the default when not written. */
  public static Object value(AnnotationMirror mirror, String name) {
    AnnotationValue explicit = explicitValue(mirror, name);
    if (explicit != null) {
      return explicit.getValue();
    }
    TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
    for (Element member : type.getEnclosedElements()) {
      if (member instanceof ExecutableElement method && method.getSimpleName().contentEquals(name)) {
        return method.getDefaultValue() == null ? null : method.getDefaultValue().getValue();
      }
    }
    throw new IllegalArgumentException(type + " has no attribute " + name);
  }

  public static String string(AnnotationMirror mirror, String name) {
    return (String) value(mirror, name);
  }

  public static boolean bool(AnnotationMirror mirror, String name) {
    return (Boolean) value(mirror, name);
  }

  /** A {@code String[]} attribute. */
  public static List<String> strings(AnnotationMirror mirror, String name) {
    List<String> out = new ArrayList<>();
    Object raw = value(mirror, name);
    if (raw instanceof List<?> values) {
      for (Object value : values) {
        out.add((String) ((AnnotationValue) value).getValue());
      }
    }
    return out;
  }

  /** True when {@code element} (or its type) carries an annotation whose simple name is {@code Nullable}. */
  public static AnnotationMirror nullable(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (mirror.getAnnotationType().asElement().getSimpleName().contentEquals("Nullable")) {
        return mirror;
      }
    }
    for (AnnotationMirror mirror : element.asType().getAnnotationMirrors()) {
      if (mirror.getAnnotationType().asElement().getSimpleName().contentEquals("Nullable")) {
        return mirror;
      }
    }
    return null;
  }
}

package io.posekit.processor.validation;

import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/** Checks that a {@code @RegisterModule} type can be built from a config, and picks its constructor. */
public final class ModuleClassValidator {
  private static final String CONFIG_CONSTRUCTOR = "io.posekit.annotations.ConfigConstructor";

  private final Diagnostics diagnostics;

  public ModuleClassValidator(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** True when {@code type} is a public, concrete, non-generic, top-level or static nested class. */
  public boolean validClass(TypeElement type) {
    if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD) {
      diagnostics.error(
          type, "@RegisterModule is on " + kindName(type) + " " + type.getSimpleName() + "; only classes can be registered",
          "register a concrete class that implements it");
      return false;
    }
    if (!type.getModifiers().contains(Modifier.PUBLIC)) {
      diagnostics.error(type, "registered module " + type.getSimpleName() + " is not public",
          "make the class public so that its generated config can build it");
      return false;
    }
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      diagnostics.error(type, "registered module " + type.getSimpleName() + " is abstract",
          "register a concrete subclass instead");
      return false;
    }
    if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
      diagnostics.error(type, "registered module " + type.getSimpleName() + " is an inner (non-static) class",
          "make the nested class static");
      return false;
    }
    if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
      diagnostics.error(type, "registered module " + type.getSimpleName() + " is a local class",
          "move it to a top-level class");
      return false;
    }
    for (Element outer = type.getEnclosingElement(); outer instanceof TypeElement t; outer = t.getEnclosingElement()) {
      if (!t.getModifiers().contains(Modifier.PUBLIC)) {
        diagnostics.error(type, "registered module " + type.getSimpleName() + " is nested in non-public " + t.getSimpleName(),
            "make " + t.getSimpleName() + " public");
        return false;
      }
    }
    if (!type.getTypeParameters().isEmpty()) {
      diagnostics.error(type, "registered module " + type.getSimpleName() + " is generic",
          "register a non-generic subclass that fixes the type arguments");
      return false;
    }
    return true;
  }

  /** The single public constructor, or the public one marked {@code @ConfigConstructor}; null on error. */
  public ExecutableElement chooseConstructor(TypeElement type) {
    List<ExecutableElement> publics =
        ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
            .filter(c -> c.getModifiers().contains(Modifier.PUBLIC))
            .toList();
    List<ExecutableElement> marked =
        ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
            .filter(c -> AnnotationLookup.find(c, CONFIG_CONSTRUCTOR) != null)
            .toList();
    for (ExecutableElement c : marked) {
      if (!c.getModifiers().contains(Modifier.PUBLIC)) {
        diagnostics.error(c, "@ConfigConstructor is on a constructor that is not public", "make the constructor public");
        return null;
      }
    }
    if (publics.isEmpty()) {
      diagnostics.error(type, "registered module " + type.getSimpleName() + " has no public constructor",
          "add a public constructor taking the config parameters");
      return null;
    }
    if (marked.size() == 1) {
      return marked.get(0);
    }
    if (marked.size() > 1) {
      diagnostics.error(marked.get(1), "registered module " + type.getSimpleName() + " has several @ConfigConstructor constructors",
          "keep @ConfigConstructor on exactly one constructor");
      return null;
    }
    if (publics.size() > 1) {
      diagnostics.error(type, "registered module " + type.getSimpleName() + " has " + publics.size()
              + " public constructors and none is marked @ConfigConstructor",
          "mark the constructor configs should use with @ConfigConstructor");
      return null;
    }
    return publics.get(0);
  }

  private static String kindName(TypeElement type) {
    return switch (type.getKind()) {
      case INTERFACE -> "interface";
      case ENUM -> "enum";
      case ANNOTATION_TYPE -> "annotation type";
      default -> type.getKind().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }
}

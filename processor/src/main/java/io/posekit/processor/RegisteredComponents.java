package io.posekit.processor;

import com.palantir.javapoet.ClassName;
import io.posekit.processor.literal.ComponentCatalog;
import io.posekit.processor.literal.DefaultValueException;
import io.posekit.processor.model.ValueShape.ComponentShape;
import io.posekit.processor.validation.AnnotationLookup;
import io.posekit.processor.validation.ClasspathIndexes;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The modules a component default may name: those registered in this compilation (any round so
 * far) and those of classpath indexes, matched by registered name and by implementing the base.
 */
final class RegisteredComponents implements ComponentCatalog {
  private final Elements elements;
  private final Types types;
  private final List<TypeElement> compiled;
  private final ClasspathIndexes classpath;

  RegisteredComponents(Elements elements, Types types, List<TypeElement> compiled, ClasspathIndexes classpath) {
    this.elements = elements;
    this.types = types;
    this.compiled = compiled;
    this.classpath = classpath;
  }

  @Override
  public ClassName configClassFor(String typeName, ComponentShape shape, List<String> keys)
      throws DefaultValueException {
    String name = typeName.contains(".") ? typeName.substring(typeName.lastIndexOf('.') + 1) : typeName;
    TypeElement base = elements.getTypeElement(shape.base().canonicalName());
    List<String> seen = new ArrayList<>();
    for (TypeElement module : compiled) {
      AnnotationMirror registration = AnnotationLookup.find(module, "io.posekit.annotations.RegisterModule");
      String registered = AnnotationLookup.string(registration, "name");
      List<String> names = new ArrayList<>(AnnotationLookup.strings(registration, "aliases"));
      names.add(registered.isEmpty() ? module.getSimpleName().toString() : registered);
      if (names.contains(name) && implementsBase(module, base)) {
        ClassName moduleClass = ClassName.get(module);
        return ClassName.get(moduleClass.packageName(), String.join("_", moduleClass.simpleNames()) + "Config");
      }
      seen.addAll(names);
    }
    for (ClasspathIndexes.Entry entry : classpath.modules()) {
      TypeElement module = elements.getTypeElement(entry.moduleClass().replace('$', '.'));
      if (entry.name().equals(name) && module != null && implementsBase(module, base)) {
        return ClassName.bestGuess(entry.moduleClass().replace('$', '_') + "Config");
      }
    }
    throw new DefaultValueException(
        "no registered " + shape.describe() + " is named '" + typeName + "'"
            + (seen.isEmpty() ? "" : " (known here: " + String.join(", ", seen) + ")")
            + "; make the parameter Optional or @Nullable and build the default in the constructor");
  }

  private boolean implementsBase(TypeElement module, TypeElement base) {
    return base != null && types.isAssignable(types.erasure(module.asType()), types.erasure(base.asType()));
  }
}

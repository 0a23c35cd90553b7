package io.posekit.processor.validation;

import com.palantir.javapoet.ClassName;
import io.posekit.annotations.Registries;
import io.posekit.processor.literal.ComponentCatalog;
import io.posekit.processor.literal.DefaultValueTranslator;
import io.posekit.processor.model.ModuleModel;
import io.posekit.processor.model.ParamModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Turns one {@code @RegisterModule} class into a {@link ModuleModel}, reporting what prevents it. */
public final class ModuleModeler {
  static final String REGISTER_MODULE = "io.posekit.annotations.RegisterModule";
  private static final String MODULE_SCOPE = "io.posekit.annotations.ModuleScope";

  /** Methods of ModuleConfig, of the Spec and of Immutables' generated class: no accessor may be called so. */
  private static final Set<String> RESERVED_ACCESSORS =
      Set.of(
          "type", "scope", "registry", "moduleType", "toMap", "build", "toBuilder", "builder",
          "from", "copyOf", "read", "fromMap", "toString", "hashCode", "equals", "getClass");

  private final Elements elements;
  private final Types types;
  private final Diagnostics diagnostics;
  private final ModuleClassValidator classValidator;
  private final String defaultScope;

  public ModuleModeler(Elements elements, Types types, Diagnostics diagnostics, String defaultScope) {
    this.elements = elements;
    this.types = types;
    this.diagnostics = diagnostics;
    this.classValidator = new ModuleClassValidator(diagnostics);
    this.defaultScope = defaultScope == null || defaultScope.isEmpty() ? Registries.ROOT_SCOPE : defaultScope;
  }

  /** The model of {@code type}, or null when it has errors (all of them reported). */
  public ModuleModel model(TypeElement type, ComponentCatalog catalog) {
    AnnotationMirror annotation = AnnotationLookup.find(type, REGISTER_MODULE);
    if (!classValidator.validClass(type)) {
      return null;
    }
    ExecutableElement constructor = classValidator.chooseConstructor(type);
    if (constructor == null) {
      return null;
    }
    ClassName moduleClass = ClassName.get(type);
    DefaultValueTranslator translator = new DefaultValueTranslator(ModuleModel.specClassOf(moduleClass), catalog);
    ParameterModeler parameters = new ParameterModeler(elements, diagnostics, translator);
    Map<String, String> docs = Javadoc.paramDocs(elements.getDocComment(constructor));
    List<ParamModel> params = new ArrayList<>();
    boolean ok = true;
    for (VariableElement parameter : constructor.getParameters()) {
      ParamModel param = parameters.model(parameter, docs, false);
      if (param == null) {
        ok = false;
      } else {
        params.add(param);
      }
    }
    ok &= checkKeys(params);
    if (!ok) {
      return null;
    }
    String name = AnnotationLookup.string(annotation, "name");
    return new ModuleModel(
        type, constructor, moduleClass,
        elements.getBinaryName(type).toString(),
        AnnotationLookup.string(annotation, "registry"),
        name.isEmpty() ? type.getSimpleName().toString() : name,
        AnnotationLookup.strings(annotation, "aliases"),
        AnnotationLookup.bool(annotation, "force"),
        scopeOf(type, annotation),
        List.copyOf(params),
        Javadoc.firstSentence(elements.getDocComment(type)),
        supertypes(type));
  }

  private boolean checkKeys(List<ParamModel> params) {
    boolean ok = true;
    Map<String, ParamModel> byKey = new LinkedHashMap<>();
    for (ParamModel param : params) {
      if (RESERVED_ACCESSORS.contains(param.javaName())) {
        diagnostics.error(
            param.element(),
            "parameter name '" + param.javaName() + "' clashes with the method " + param.javaName()
                + "() of the generated config",
            "rename the parameter and keep its key with @Param(name = \"" + param.key() + "\")");
        ok = false;
      }
      if (param.provided()) {
        continue;
      }
      if (param.key().equals("type")) {
        diagnostics.error(
            param.element(), "parameter '" + param.javaName() + "' has the config key 'type', which names the module in every dict",
            "give it another key with @Param(name = \"...\")");
        ok = false;
        continue;
      }
      ParamModel earlier = byKey.putIfAbsent(param.key(), param);
      if (earlier != null) {
        diagnostics.error(
            param.element(),
            "parameters '" + earlier.javaName() + "' and '" + param.javaName() + "' both map to the config key '"
                + param.key() + "'",
            "give one of them another key with @Param(name = \"...\")");
        ok = false;
      }
    }
    return ok;
  }

  private String scopeOf(TypeElement type, AnnotationMirror annotation) {
    String scope = AnnotationLookup.string(annotation, "scope");
    if (!scope.isEmpty()) {
      return scope;
    }
    PackageElement pkg = elements.getPackageOf(type);
    AnnotationMirror packageScope = AnnotationLookup.find(pkg, MODULE_SCOPE);
    if (packageScope != null) {
      return AnnotationLookup.string(packageScope, "value");
    }
    return defaultScope;
  }

  /** Binary names of every supertype, transitively, in breadth-first order. */
  private List<String> supertypes(TypeElement type) {
    Set<String> out = new LinkedHashSet<>();
    List<TypeMirror> queue = new ArrayList<>(types.directSupertypes(type.asType()));
    while (!queue.isEmpty()) {
      TypeMirror next = queue.remove(0);
      if (next instanceof DeclaredType declared) {
        TypeElement element = (TypeElement) declared.asElement();
        if (out.add(elements.getBinaryName(element).toString())) {
          queue.addAll(types.directSupertypes(next));
        }
      }
    }
    out.add("java.lang.Object");
    return List.copyOf(out);
  }
}

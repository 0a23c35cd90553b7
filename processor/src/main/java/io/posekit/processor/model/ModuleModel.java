package io.posekit.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @RegisterModule} class, as the generated config and index need it.
 *
 * @param element the module class
 * @param constructor the constructor configs build it with
 * @param moduleClass the module's class name
 * @param binaryName the module's binary name ({@code a.b.Outer$Inner})
 * @param registry the registry name
 * @param name the registered name
 * @param aliases further registered names
 * @param force whether it replaces a same-named module of another jar
 * @param scope the scope
 * @param params the constructor parameters in declaration order
 * @param doc the first sentence of the class javadoc, or empty
 * @param supertypes binary names of every supertype, transitively, java.lang.Object included
 */
public record ModuleModel(
    TypeElement element,
    ExecutableElement constructor,
    ClassName moduleClass,
    String binaryName,
    String registry,
    String name,
    List<String> aliases,
    boolean force,
    String scope,
    List<ParamModel> params,
    String doc,
    List<String> supertypes) {

  /** The config class Immutables writes: {@code <Simple>Config}, a top-level class. */
  public ClassName configClass() {
    return ClassName.get(moduleClass.packageName(), String.join("_", moduleClass.simpleNames()) + "Config");
  }

  /** The abstract class this processor writes, completed by Immutables. */
  public ClassName specClass() {
    return specClassOf(moduleClass);
  }

  /** {@code <Simple>ConfigSpec} beside the module; nested modules join their names with {@code _}. */
  public static ClassName specClassOf(ClassName moduleClass) {
    return ClassName.get(
        moduleClass.packageName(), String.join("_", moduleClass.simpleNames()) + "ConfigSpec");
  }

  /** The registered name followed by the aliases. */
  public List<String> allNames() {
    List<String> names = new ArrayList<>();
    names.add(name);
    names.addAll(aliases);
    return names;
  }

  /** The parameters that are config keys (not provided). */
  public List<ParamModel> configParams() {
    return params.stream().filter(p -> !p.provided()).toList();
  }
}

package io.posekit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Registers a class in a named registry, like MMEngine's {@code @MODELS.register_module()}.
 *
 * <p>The annotation processor checks the registration at compile time and generates, in the same
 * package, {@code <SimpleName>Config}: an immutable typed config with a builder, a reader from a
 * Python-style dict and {@code build(BuildContext)}. Config keys are the snake_case names of the
 * constructor parameters.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface RegisterModule {
  /** The registry, one of {@link Registries} or a name declared with {@link DeclareRegistry}. */
  String registry();

  /** The registered name; defaults to the simple class name, as in MMEngine. */
  String name() default "";

  /** Further names under which the same module is found. */
  String[] aliases() default {};

  /**
   * The scope ({@code mmpose}, {@code mmengine}, ...). Empty means the package's {@link ModuleScope},
   * else the processor option {@code -Aposekit.scope}, else {@code mmengine}.
   */
  String scope() default "";

  /** Replace a module of the same name found in another jar, as MMEngine's {@code force=True}. */
  boolean force() default false;
}

package io.posekit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a registry, or gives a registry of {@link Registries} its base type.
 *
 * <p>Written on an interface or abstract class, that type becomes the base type every module of
 * the registry must implement (on {@code Hook}: {@code @DeclareRegistry(Registries.HOOKS)}).
 * Written on any other type (a constants class of a plugin), it only declares the name. Declared
 * registries travel in the registry index, so code compiled against the jar sees them.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DeclareRegistry {
  /** The registry name, upper case by convention ({@code MODELS}). */
  String value();
}

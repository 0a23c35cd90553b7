package io.posekit.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a generated registry index holds, kept in the class file so that a later compilation sees
 * it on its classpath: the processor checks new registrations against it (duplicate names,
 * declared registries and their base types) without loading any class.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface IndexContents {
  /** The package every generated index is written to, so a compilation can list them all. */
  String INDEX_PACKAGE = "io.posekit.generated.index";

  /** One {@code REGISTRY/scope/name/binaryClassName/force} string per module name (aliases too). */
  String[] modules();

  /** One {@code REGISTRY/baseTypeBinaryName} string per declared registry (empty base: none). */
  String[] registries();
}

package io.posekit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A constructor parameter (or record component) that takes {@code None}: the config may write
 * {@code key=None} and the module receives null; elsewhere, any value that may be null. Both a
 * declaration and a type-use annotation, so that {@code @Nullable int[] convOutChannels} marks the
 * parameter and {@code double @Nullable [] keypoints} the array. The processor accepts any
 * annotation named {@code Nullable}; this one saves a dependency.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({
  ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.FIELD, ElementType.TYPE_USE
})
public @interface Nullable {}

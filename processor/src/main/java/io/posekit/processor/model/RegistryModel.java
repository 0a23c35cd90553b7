package io.posekit.processor.model;

import javax.lang.model.element.Element;

/**
 * A registry declared with {@code @DeclareRegistry} in this compilation.
 *
 * @param name the registry name
 * @param baseType binary name of the type its modules must implement, or null
 * @param element the annotated type, for messages
 */
public record RegistryModel(String name, String baseType, Element element) {}

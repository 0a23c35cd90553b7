package io.posekit.spi;

/**
 * A registry declared with {@code @DeclareRegistry}.
 *
 * @param name the registry name
 * @param baseType binary name of the type its modules must implement, or null for none
 */
public record RegistryDeclaration(String name, String baseType) {}

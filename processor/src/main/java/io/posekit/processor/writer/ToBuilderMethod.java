package io.posekit.processor.writer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import io.posekit.processor.model.ModuleModel;
import io.posekit.processor.model.ParamModel;
import javax.lang.model.element.Modifier;

/**
 * The Spec's {@code toBuilder()}: a builder holding every parameter of this config as it is.
 *
 * <p>Immutables' own {@code toBuilder()} is {@code builder().from(this)}, and {@code from()} skips
 * null values, so a {@code @Nullable} parameter set to None over a non-None default came back as
 * the default (a child config's {@code x=None} over a base's {@code x=3} was lost). This one calls
 * every setter with the current value, null included; Immutables' {@code from()} is left as it is.
 */
final class ToBuilderMethod {
  private ToBuilderMethod() {}

  static MethodSpec of(ModuleModel module) {
    ClassName config = module.configClass();
    ClassName builder = config.nestedClass("Builder");
    MethodSpec.Builder method = MethodSpec.methodBuilder("toBuilder")
        .addJavadoc("A builder holding every parameter of this config, None (null) included, to change some of them.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .returns(builder)
        .addStatement("$T builder = $T.builder()", builder, config);
    for (ParamModel param : module.configParams()) {
      method.addStatement("builder.$L($L())", param.javaName(), param.javaName());
    }
    return method.addStatement("return builder").build();
  }
}

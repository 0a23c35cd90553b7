package io.posekit.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import javax.tools.JavaFileObject;
import org.immutables.processor.ProxyProcessor;

/** Sources the processor tests compile, and the compiler they compile with. */
final class Fixtures {
  private Fixtures() {}

  static Compiler compiler() {
    return Compiler.javac()
        .withProcessors(new PoseKitProcessor(), new ProxyProcessor())
        .withOptions("-Xlint:all,-processing");
  }

  static Compilation compile(JavaFileObject... sources) {
    return compiler().compile(sources);
  }

  static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  /** A small realistic set: losses, codecs, transforms, a head taking all of them. */
  static List<JavaFileObject> pose() {
    return List.of(
        source("demo.Loss", """
            package demo;

            public interface Loss {
              double weight();
            }
            """),
        source("demo.Codec", """
            package demo;

            import io.posekit.annotations.DeclareRegistry;

            @DeclareRegistry("CODECS")
            public interface Codec {}
            """),
        source("demo.Transform", """
            package demo;

            public interface Transform {}
            """),
        source("demo.Head", """
            package demo;

            public interface Head {}
            """),
        source("demo.Nullable", """
            package demo;

            import java.lang.annotation.*;

            @Retention(RetentionPolicy.CLASS)
            @Target({ElementType.PARAMETER, ElementType.METHOD, ElementType.FIELD})
            public @interface Nullable {}
            """),
        source("demo.DatasetMeta", """
            package demo;

            public record DatasetMeta(String name) {}
            """),
        source("demo.FlipMode", """
            package demo;

            import io.posekit.annotations.ConfigValue;

            public enum FlipMode {
              @ConfigValue("heatmap") HEATMAP,
              @ConfigValue("udp") UDP
            }
            """),
        source("demo.TestCfg", """
            package demo;

            import io.posekit.annotations.Param;

            /** What happens at test time. */
            public record TestCfg(
                @Param(defaultValue = "True") boolean flipTest,
                @Param(defaultValue = "'heatmap'") FlipMode flipMode,
                @Param(defaultValue = "0.25") double shiftHeatmap) {}
            """),
        source("demo.KeypointMSELoss", """
            package demo;

            import io.posekit.annotations.Param;
            import io.posekit.annotations.RegisterModule;
            import io.posekit.annotations.Registries;

            /** MSE loss between heatmaps. Weighted per keypoint when asked. */
            @RegisterModule(registry = Registries.MODELS)
            public final class KeypointMSELoss implements Loss {
              public final boolean useTargetWeight;
              public final double lossWeight;

              /**
               * Creates the loss.
               *
               * @param useTargetWeight whether keypoints are weighted by their target weight. Rarely off.
               * @param lossWeight the factor of this loss
               */
              public KeypointMSELoss(
                  @Param(defaultValue = "False") boolean useTargetWeight,
                  @Param(defaultValue = "1.0") double lossWeight) {
                this.useTargetWeight = useTargetWeight;
                this.lossWeight = lossWeight;
              }

              @Override
              public double weight() {
                return lossWeight;
              }
            }
            """),
        source("demo.MSRAHeatmap", """
            package demo;

            import io.posekit.annotations.Param;
            import io.posekit.annotations.RegisterModule;

            @RegisterModule(registry = "CODECS", scope = "mmpose")
            public final class MSRAHeatmap implements Codec {
              public final int[] inputSize;
              public final int[] heatmapSize;
              public final double sigma;

              public MSRAHeatmap(int[] inputSize, int[] heatmapSize, @Param(defaultValue = "2.0") double sigma) {
                this.inputSize = inputSize;
                this.heatmapSize = heatmapSize;
                this.sigma = sigma;
              }
            }
            """),
        source("demo.RandomFlip", """
            package demo;

            import io.posekit.annotations.Param;
            import io.posekit.annotations.RegisterModule;

            @RegisterModule(registry = "TRANSFORMS", aliases = "Flip")
            public final class RandomFlip implements Transform {
              public final double prob;
              public final String direction;

              public RandomFlip(
                  @Param(defaultValue = "0.5") double prob,
                  @Param(defaultValue = "'horizontal'") String direction) {
                this.prob = prob;
                this.direction = direction;
              }
            }
            """),
        source("demo.HeatmapHead", """
            package demo;

            import io.posekit.annotations.Param;
            import io.posekit.annotations.Provided;
            import io.posekit.annotations.RegisterModule;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;

            /** Predicts heatmaps from features. */
            @RegisterModule(registry = "MODELS", scope = "mmpose")
            public final class HeatmapHead implements Head {
              public final int inChannels;
              public final int[] inputSize;
              public final Loss loss;
              public final Optional<Codec> decoder;
              public final List<Transform> pipeline;
              public final TestCfg testCfg;
              public final FlipMode flipMode;
              public final String initCfg;
              public final Map<String, Double> weights;
              public final DatasetMeta datasetMeta;

              /**
               * @param inChannels channels of the input features
               * @param loss the loss
               */
              public HeatmapHead(
                  int inChannels,
                  @Param(defaultValue = "(192, 256)") int[] inputSize,
                  @Param(defaultValue = "dict(type='KeypointMSELoss', use_target_weight=True)") Loss loss,
                  Optional<Codec> decoder,
                  @Param(defaultValue = "[]") List<Transform> pipeline,
                  @Param(defaultValue = "dict(flip_test=False)") TestCfg testCfg,
                  @Param(defaultValue = "heatmap") FlipMode flipMode,
                  @Nullable String initCfg,
                  @Param(defaultValue = "{'a': 1.0, 'b': 2}") Map<String, Double> weights,
                  @Provided DatasetMeta datasetMeta) {
                this.inChannels = inChannels;
                this.inputSize = inputSize;
                this.loss = loss;
                this.decoder = decoder;
                this.pipeline = pipeline;
                this.testCfg = testCfg;
                this.flipMode = flipMode;
                this.initCfg = initCfg;
                this.weights = weights;
                this.datasetMeta = datasetMeta;
              }
            }
            """));
  }
}

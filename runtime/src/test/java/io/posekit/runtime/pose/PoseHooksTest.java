package io.posekit.runtime.pose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.Runner;
import io.posekit.runtime.engine.logging.LogProcessor;
import io.posekit.runtime.engine.randomness.Randomness;
import io.posekit.runtime.engine.testing.LinearRegressionModel;
import io.posekit.runtime.registry.Registry;
import io.posekit.spi.BuildContext;
import io.posekit.tfmodels.datasets.DatasetMeta;
import io.posekit.tfmodels.structures.PoseDataSample;
import io.posekit.tfmodels.visualization.LocalVisBackend;
import io.posekit.tfmodels.visualization.PoseLocalVisualizer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MMPose's PoseVisualizationHook and BadCaseAnalysisHook, built from config dicts as a runner builds them. */
class PoseHooksTest {
  private static final Registry REGISTRY = Registry.load().withDefaultScope("mmpose");
  private static final int K = 17;

  @TempDir Path tmp;
  private Runner runner;
  private PoseLocalVisualizer visualizer;
  private Path image;

  @BeforeEach
  void setUp() throws Exception {
    Randomness randomness = new Randomness(1, true);
    runner = new Runner(new LinearRegressionModel(2, randomness.global()), tmp.resolve("work"), randomness, new LogProcessor(1, true, 4))
        .quiet(true);
    visualizer = new PoseLocalVisualizer("visualizer", List.of(new LocalVisBackend(null, "vis_image", "config.py", "scalars.json")),
        runner.logDir().toString(), "green", "red", null, null, 1, 3, 0.3, 1.0, false);
    image = tmp.resolve("img/000000000785.jpg");
    Files.createDirectories(image.getParent());
    assertTrue(ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR), "jpg", image.toFile()));
  }

  private Object hook(Map<String, Object> cfg) {
    return REGISTRY.build(Registries.HOOKS, cfg,
        BuildContext.of(Map.of("visualizer", visualizer, "dataset_meta", DatasetMeta.coco(), "registry", REGISTRY)));
  }

  /** One instance: ground truth at (10 + j, 20), prediction shifted by {@code (dx, dy)}, keypoints visible where {@code visible}. */
  private PoseDataSample sample(double dx, double dy, double visible) {
    double[][][] gt = new double[1][K][2];
    double[][][] pred = new double[1][K][2];
    double[][] vis = new double[1][K];
    double[][] scores = new double[1][K];
    for (int j = 0; j < K; j++) {
      gt[0][j] = new double[] {10 + j, 20};
      pred[0][j] = new double[] {10 + j + dx, 20 + dy};
      vis[0][j] = visible;
      scores[0][j] = 0.9;
    }
    double[][] boxes = {{3.7, 4.2, 40.9, 30.5}};
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("id", 1);
    meta.put("img_id", 785);
    meta.put("img_path", image.toString());
    return new PoseDataSample(meta, new PoseDataSample.GtInstances(boxes, new double[] {1}, new double[][] {{50, 40}}, gt, vis),
        new PoseDataSample.PredInstances(pred, scores, boxes, new double[] {1}));
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void badCaseLossIsTheMseOfTheCoordinatesWeightedByVisibility() {
    BadCaseAnalysisHook hook = (BadCaseAnalysisHook) hook(Map.of("type", "BadCaseAnalysisHook", "enable", true));
    // every keypoint off by (3, 4): squared differences 9 and 16 per keypoint, mean over 2K values = 12.5
    assertEquals(12.5, hook.score(sample(3, 4, 1)), 1e-5);
    // invisible keypoints are masked out but still counted in the mean (MMPose's KeypointMSELoss): 0
    assertEquals(0.0, hook.score(sample(3, 4, 0)), 1e-9);
    assertTrue(hook.isBadCase(5.0), "badcase_thr=5: a loss of 5 is bad");
    assertFalse(hook.isBadCase(4.99));
  }

  @Test
  void badCasesAreDrawnAndListedInResultsJson() throws Exception {
    BadCaseAnalysisHook hook = (BadCaseAnalysisHook) hook(Map.of("type", "BadCaseAnalysisHook", "enable", true, "out_dir", "badcase"));
    hook.afterTestIter(runner, 0, null, List.of(sample(0.5, 0, 1), sample(3, 4, 1)));
    hook.afterTestEpoch(runner, Map.of());
    Path dir = runner.logDir().resolve("badcase");
    assertEquals(List.of("000000000785_bbox[[3, 4, 40, 30]]_KeypointMSELoss12.5.png", "results.json"), names(dir));
    JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
    assertEquals(1, results.size(), "only the sample with loss >= 5");
    assertEquals("000000000785", results.get(0).get("img").asText());
    assertEquals("[[3,4,40,30]]", results.get(0).get("bbox").toString());
    assertEquals(12.5, results.get(0).get("KeypointMSELoss").asDouble(), 1e-5);
    BufferedImage drawn = ImageIO.read(dir.resolve(names(dir).get(0)).toFile());
    assertEquals(64, drawn.getWidth(), "ground truth and prediction are drawn on one image");
  }

  @Test
  void accuracyBadCasesUseTheMetricOnTheSampleAlone() {
    BadCaseAnalysisHook hook = (BadCaseAnalysisHook) hook(Map.of("type", "BadCaseAnalysisHook", "enable", true,
        "metric_type", "accuracy", "metric", Map.of("type", "PCKAccuracy", "thr", 0.05), "metric_key", "PCK", "badcase_thr", 0.5));
    // PCK normalises by the box size (37.2 x 26.3): an error of 0.5 px is within 0.05, one of 5 px is not
    assertEquals(1.0, hook.score(sample(0.5, 0, 1)), 1e-9);
    assertEquals(0.0, hook.score(sample(5, 0, 1)), 1e-9);
    assertTrue(hook.isBadCase(0.0));
    assertFalse(hook.isBadCase(1.0));
  }

  @Test
  void visualizationHookDrawsEveryIntervalInValAndEverySampleInTest() throws Exception {
    PoseVisualizationHook hook = (PoseVisualizationHook) hook(Map.of("type", "PoseVisualizationHook", "enable", true,
        "interval", 2, "out_dir", "vis"));
    for (int batch = 0; batch < 3; batch++) {
      hook.afterValIter(runner, batch, null, List.of(sample(1, 1, 1)));
    }
    Path images = runner.logDir().resolve("vis_data/vis_image");
    assertEquals(List.of("val_img_0.png", "val_img_2.png"), names(images), "iterations 0 and 2 of interval 2");

    hook.afterTestIter(runner, 0, null, List.of(sample(1, 1, 1), sample(2, 2, 1)));
    assertEquals(List.of("000000000785_0.png", "000000000785_1.png"), names(runner.logDir().resolve("vis")),
        "two drawings of one image are numbered");
    assertTrue(names(images).containsAll(List.of("test_img_1.png", "test_img_2.png")), names(images).toString());
    BufferedImage drawn = ImageIO.read(runner.logDir().resolve("vis/000000000785_0.png").toFile());
    int[] row = drawn.getRGB(0, 20, 64, 1, null, 0, 64);
    assertTrue(Arrays.stream(row).anyMatch(p -> (p & 0xffffff) != 0), "keypoints and links were drawn on the black image");
  }

  @Test
  void disabledHooksDoNothingAndShowIsRefused() throws Exception {
    PoseVisualizationHook off = (PoseVisualizationHook) hook(Map.of("type", "PoseVisualizationHook"));
    off.afterValIter(runner, 0, null, List.of(sample(1, 1, 1)));
    off.afterTestIter(runner, 0, null, List.of(sample(1, 1, 1)));
    assertFalse(Files.exists(runner.logDir()), "enable=False by default");
    Exception show = assertThrows(Exception.class, () -> hook(Map.of("type", "PoseVisualizationHook", "show", true)));
    assertTrue(String.valueOf(show.getMessage()).contains("headless"), show.toString());
    Exception metric = assertThrows(Exception.class, () -> hook(Map.of("type", "BadCaseAnalysisHook", "metric_type", "auc")));
    assertTrue(String.valueOf(metric.getMessage()).contains("'loss' or 'accuracy'"), metric.toString());
  }
}

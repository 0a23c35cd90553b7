package io.posekit.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.LoadOptions;
import io.posekit.runtime.engine.checkpoint.Checkpoint;
import io.posekit.runtime.engine.checkpoint.CheckpointIO;
import io.posekit.runtime.registry.Registry;
import io.posekit.runtime.runner.PoseRunnerBuilder;
import io.posekit.runtime.runner.TypedRunnerConfig;
import io.posekit.tfmodels.apis.PoseInferencer;
import io.posekit.tfmodels.apis.PoseResult;
import io.posekit.tfmodels.datasets.DatasetMeta;
import io.posekit.tfmodels.datasets.MetaInfo;
import io.posekit.tfmodels.models.poseestimators.TopdownGraph;
import io.posekit.tfmodels.models.poseestimators.TopdownPoseEstimator;
import io.posekit.tfmodels.nn.Device;
import io.posekit.tfmodels.nn.OneDnn;
import io.posekit.tfmodels.nn.Precision;
import io.posekit.tfmodels.weights.CheckpointLoader;
import io.posekit.tfmodels.weights.FloatArray;
import io.posekit.tfmodels.weights.StateDict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.zip.ZipFile;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code posekit infer CONFIG CHECKPOINT --input IMG [--bbox x,y,w,h ...] [--out F] [--save-heatmaps DIR]}:
 * MMPose's {@code demo/image_demo.py} ({@code init_model} + {@code inference_topdown}) for a top-down
 * heatmap model. Each box (none: the whole image, as {@code inference_topdown} does) gives one
 * instance in the JSON ({@code meta_info} and {@code instance_info} as MMPose's demos save them:
 * {@code keypoints [[x, y], ...]}, {@code keypoint_scores}, {@code bbox [[x1, y1, x2, y2]]},
 * {@code bbox_score}); {@code --save-heatmaps} writes each instance's (K, H, W) heatmaps as
 * {@code DIR/<image stem>_<instance>.npy} (float32). CHECKPOINT is a PoseKit checkpoint of a
 * {@code train} run or an MMPose / PyTorch {@code .pth}; the format is told by content, not name.
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
    description = "Predict keypoints on an image with a top-down model (MMPose's demo/image_demo.py).")
public final class InferCommand implements Callable<Integer> {
  private final Supplier<Registry> registry;

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CONFIG", description = "The model's config file (.py, .json or .yaml).")
  private Path config;

  @Parameters(index = "1", paramLabel = "CHECKPOINT", description = "A PoseKit checkpoint or an MMPose .pth (path or cached https URL).")
  private String checkpoint;

  @Mixin private ConfigLoadArgs loadArgs = new ConfigLoadArgs();

  @Option(names = "--input", required = true, paramLabel = "IMG", description = "The image (any format javax.imageio reads: JPEG, PNG, BMP, GIF).")
  private Path input;

  @Option(names = "--bbox", paramLabel = "x,y,w,h",
      description = "A person box in pixels (top-left corner, width, height); repeatable. Default: the whole image.")
  private List<String> bboxes = new ArrayList<>();

  @Option(names = "--out", paramLabel = "FILE", description = "Write the JSON here instead of standard output.")
  private Path out;

  @Option(names = "--save-heatmaps", paramLabel = "DIR", description = "Write each instance's heatmaps as DIR/<image stem>_<i>.npy.")
  private Path heatmapDir;

  @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto",
      description = "cpu, cuda, cuda:N or auto (default: a GPU of the -Pgpu build when visible, else the CPU).")
  private String device;

  @Option(names = "--dtype", paramLabel = "DTYPE", defaultValue = "float32",
      description = "Compute precision: float32 (default), bfloat16 (CPU mixed precision, oneDNN) or float16 (GPU).")
  private String dtype;

  @Option(names = "--cfg-options", arity = "1..*", paramLabel = "KEY=VALUE", description = "Override config keys (dotted paths).")
  private List<String> cfgOptions = new ArrayList<>();

  public InferCommand(Supplier<Registry> registry) {
    this.registry = registry;
  }

  @Override
  public Integer call() throws IOException {
    // before anything loads TensorFlow (the image decoder may): one image at a time, see OneDnn
    OneDnn.keepTensorFlowDefault();
    List<double[]> boxes = new ArrayList<>();
    for (String b : bboxes) {
      boxes.add(parseBbox(b));
    }
    if (!Files.isRegularFile(input)) {
      throw new ParameterException(spec.commandLine(), "--input " + input + ": no such file");
    }
    Precision precision;
    Device placement;
    try {
      precision = Precision.fromDtype(dtype, "--dtype");
      placement = Device.parse(device, "--device");
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    Config cfg = Config.fromFile(config, loadArgs.apply(LoadOptions.defaults()));
    Map<String, Object> options;
    try {
      options = CfgOptions.parse(cfgOptions);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--cfg-options " + e.getMessage());
    }
    if (!options.isEmpty()) {
      cfg.mergeFromDict(options, true, "--cfg-options");
    }
    // a wrong checkpoint, an unreadable image, a model/config mismatch: Main reports the message
    TopdownPoseEstimator model = buildModel(cfg, options.isEmpty());
    DatasetMeta meta = datasetMeta(cfg);
    List<PoseResult> results;
    try (PoseInferencer inferencer = PoseInferencer.initModel(model, null, meta.flipIndices(), precision, placement)) {
      loadWeights(inferencer.graph(), checkpoint);
      results = inferencer.inferenceTopdown(input, boxes);
    }
    writeJson(meta, results, err);
    if (heatmapDir != null) {
      writeHeatmaps(results, err);
    }
    return 0;
  }

  /** {@code x,y,w,h} (top-left corner and size, as MMPose's demos take boxes) to (x1, y1, x2, y2). */
  private double[] parseBbox(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 4) {
      throw new ParameterException(spec.commandLine(), "--bbox '" + text + "': expected x,y,w,h (4 numbers), got " + parts.length + " values");
    }
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new ParameterException(spec.commandLine(), "--bbox '" + text + "': '" + parts[i] + "' is not a number");
      }
      if (!Double.isFinite(v[i])) {
        throw new ParameterException(spec.commandLine(), "--bbox '" + text + "': '" + parts[i] + "' is not finite");
      }
    }
    if (v[2] <= 0 || v[3] <= 0) {
      throw new ParameterException(spec.commandLine(), "--bbox '" + text + "': width and height must be positive");
    }
    return new double[] {v[0], v[1], v[0] + v[2], v[1] + v[3]};
  }

  /**
   * The config's {@code model}, as {@code init_model} builds it: without {@code --cfg-options}, the
   * backbone's {@code init_cfg} is dropped (the checkpoint replaces those pretrained weights, and
   * nothing would be downloaded for them).
   */
  private TopdownPoseEstimator buildModel(Config cfg, boolean dropBackboneInit) {
    if (dropBackboneInit && cfg.dict().get("model") instanceof Map<?, ?> model
        && model.get("backbone") instanceof Map<?, ?> backbone && backbone.get("init_cfg") != null) {
      Map<String, Object> noInit = new java.util.HashMap<>();
      noInit.put("model.backbone.init_cfg", null);
      cfg.mergeFromDict(noInit, false, "infer (the checkpoint replaces the backbone's pretrained weights)");
    }
    return PoseRunnerBuilder.model(TypedRunnerConfig.forInfer(cfg, registry.get()));
  }

  /**
   * MMPose's {@code dataset_meta_from_config(config, dataset_mode='train')}: the train data set's
   * {@code metainfo}, else its class's meta; with no data set in the config, COCO (as {@code init_model}).
   */
  @SuppressWarnings("unchecked")
  private DatasetMeta datasetMeta(Config cfg) {
    Object loader = cfg.dict().get("train_dataloader");
    if (!(loader instanceof Map<?, ?> l) || !(l.get("dataset") instanceof Map<?, ?> dataset)) {
      LoggerFactory.getLogger(InferCommand.class).warn("{} has no train_dataloader.dataset; using COCO's keypoint meta", config);
      return DatasetMeta.coco();
    }
    Object metainfo = dataset.get("metainfo");
    Object type = dataset.get("type");
    DatasetMeta classDefault = switch (String.valueOf(type)) {
      case "CocoDataset" -> DatasetMeta.coco();
      case "CrowdPoseDataset" -> DatasetMeta.crowdpose();
      case "AicDataset" -> DatasetMeta.aic();
      default -> null;
    };
    if (classDefault == null && metainfo == null) {
      throw new IllegalArgumentException(config + ": train_dataloader.dataset.type " + type
          + " has no built-in keypoint meta here; give train_dataloader.dataset.metainfo=dict(from_file=...)");
    }
    return MetaInfo.resolve((Map<String, Object>) metainfo, classDefault);
  }

  /**
   * Loads CHECKPOINT strictly. A PoseKit checkpoint (a zip with {@code checkpoint.json}) holds flat
   * arrays under {@code state_dict/} in PyTorch layout, shaped here by the model; the optimizer's
   * moments kept beside them are skipped. Anything else is read as a PyTorch checkpoint.
   */
  static void loadWeights(TopdownGraph graph, String checkpoint) {
    Path local = CheckpointLoader.resolve(checkpoint);
    if (!CheckpointIO.isPoseKitCheckpoint(local)) {
      graph.loadCheckpoint(checkpoint, true);
      return;
    }
    Checkpoint ckpt = CheckpointIO.load(local);
    Map<String, FloatArray> model = graph.stateDict().asMap();
    StateDict weights = new StateDict();
    ckpt.modelStateDict().forEach((name, values) -> {
      FloatArray like = model.get(name);
      boolean fits = like != null && like.values().length == values.length;
      // a key the model lacks or an array of another size is reported by loadStateDict, with the sizes
      weights.put(name, new FloatArray(fits ? like.shape() : new long[] {values.length}, values));
    });
    graph.loadStateDict(weights, true, local.toString());
  }


  private void writeJson(DatasetMeta meta, List<PoseResult> results, PrintWriter err) throws IOException {
    Map<String, Object> metaInfo = new LinkedHashMap<>();
    metaInfo.put("dataset_name", meta.datasetName());
    metaInfo.put("num_keypoints", meta.numKeypoints());
    metaInfo.put("keypoint_id2name", meta.keypointId2name());
    metaInfo.put("skeleton_links", meta.skeletonLinks());
    List<Map<String, Object>> instances = new ArrayList<>();
    for (PoseResult r : results) {
      Map<String, Object> instance = new LinkedHashMap<>();
      instance.put("keypoints", r.keypoints());
      instance.put("keypoint_scores", r.keypointScores());
      instance.put("bbox", new double[][] {r.bbox()}); // MMPose's split_instances writes bbox as a 1-tuple of boxes
      instance.put("bbox_score", 1.0); // inference_topdown scores given boxes 1
      instances.add(instance);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("meta_info", metaInfo);
    root.put("instance_info", instances);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    if (out == null) {
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println(json.writeValueAsString(root));
      stdout.flush();
    } else {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      json.writeValue(out.toFile(), root);
      err.println("keypoints of " + results.size() + " instance(s) written to " + out);
      err.flush();
    }
  }

  private void writeHeatmaps(List<PoseResult> results, PrintWriter err) throws IOException {
    Files.createDirectories(heatmapDir);
    String stem = input.getFileName().toString().replaceFirst("\\.[^.]+$", "");
    for (int i = 0; i < results.size(); i++) {
      var h = results.get(i).heatmaps();
      if (h == null) {
        throw new IllegalArgumentException("--save-heatmaps: the model's head does not predict heatmaps (its codec decodes other outputs)");
      }
      Path file = heatmapDir.resolve(stem + "_" + i + ".npy");
      NpyFile.writeFloat32(file, new int[] {h.channels(), h.height(), h.width()}, h.data());
      err.println("heatmaps " + h.channels() + "x" + h.height() + "x" + h.width() + " written to " + file);
    }
    err.flush();
  }
}

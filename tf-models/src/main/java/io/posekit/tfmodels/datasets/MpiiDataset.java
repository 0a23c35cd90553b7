package io.posekit.tfmodels.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.fileio.FileIO;
import io.posekit.tfmodels.structures.CocoFormatException;
import io.posekit.tfmodels.structures.JsonRecord;
import io.posekit.tfmodels.structures.PoseSample;
import io.posekit.tfmodels.transforms.Transform;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MPII Human Pose's 16 keypoints, MMPose's {@code MpiiDataset}. The annotation file is MPII's JSON
 * list of people ({@code image}, {@code center}, {@code scale}, {@code joints}, {@code joints_vis});
 * the image id is the file name's number. Centres are MATLAB's (1-based) and sit 15 pixels (at
 * scale 1) above the box middle, so they move down and by -1. {@code headbox_file} (test mode,
 * top-down) names MPII's {@code .mat} of head boxes ({@code headboxes_src}, 2 x 2 x people): each
 * person's {@code head_size} is 0.6 times its box diagonal, what PCKh normalises by. Like MMPose's,
 * it takes no {@code sample_interval}.
 */
@RegisterModule(registry = Registries.DATASETS, scope = "mmpose")
public final class MpiiDataset extends BaseCocoStyleDataset {
  private final @Nullable String headboxFile;

  public MpiiDataset(
      @Param(defaultValue = "''") String annFile,
      @Param(defaultValue = "None") @Nullable String bboxFile,
      @Param(defaultValue = "None") @Nullable String headboxFile,
      @Param(defaultValue = "'topdown'") DataMode dataMode,
      @Param(defaultValue = "None") @Nullable Map<String, Object> metainfo,
      @Param(defaultValue = "None") @Nullable String dataRoot,
      @Param(defaultValue = "dict(img='')") DataPrefix dataPrefix,
      @Param(defaultValue = "None") @Nullable FilterCfg filterCfg,
      @Param(defaultValue = "None") @Nullable Object indices,
      @Param(defaultValue = "True") boolean serializeData,
      @Param(defaultValue = "[]") List<Transform> pipeline,
      @Param(defaultValue = "False") boolean testMode,
      @Param(defaultValue = "False") boolean lazyInit,
      @Param(defaultValue = "1000") int maxRefetch) {
    super(
        annFile, bboxFile, dataMode, dataRoot, dataPrefix, filterCfg, indices, pipeline, testMode, true,
        maxRefetch, 1, MetaInfo.resolve(metainfo, MetaInfo.builtIn("mpii.py")));
    if (headboxFile != null && !headboxFile.isEmpty()) {
      if (dataMode != DataMode.TOPDOWN) {
        throw new IllegalArgumentException("MpiiDataset is set to " + dataMode + " mode, while \"headbox_file\" is only supported in topdown mode");
      }
      if (!testMode) {
        throw new IllegalArgumentException("MpiiDataset has test_mode=False while \"headbox_file\" is only supported when test_mode=True");
      }
      if (!headboxFile.endsWith("mat")) {
        throw new IllegalArgumentException(
            "MpiiDataset: the head boxes file type " + headboxFile.substring(Math.max(0, headboxFile.length() - 3))
                + " is not supported. Should be `mat`");
      }
    }
    this.headboxFile = headboxFile == null || headboxFile.isEmpty() ? null : headboxFile;
    if (!lazyInit) {
      fullInit();
    }
  }

  @Override
  protected Annotations loadAnnotations() {
    JsonNode root = readJson(annFile(), "MPII annotation file");
    if (!root.isArray()) {
      throw new CocoFormatException(annFile() + ": an MPII annotation file is a list of people");
    }
    List<PoseSample> instances = new ArrayList<>();
    List<ImageEntry> images = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    MatFile.Array headboxes = headboxFile == null ? null : headboxes(root.size());
    for (int i = 0; i < root.size(); i++) {
      JsonRecord ann = new JsonRecord(root.get(i), annFile() + ": [" + i + "]");
      PoseSample s = person(ann, i);
      if (headboxes != null) {
        // MPII's evaluation: SC_BIAS 0.6 of the head box's diagonal
        double dx = headboxes.at(1, 0, i) - headboxes.at(0, 0, i), dy = headboxes.at(1, 1, i) - headboxes.at(0, 1, i);
        s.headSize = new double[] {Math.sqrt(dx * dx + dy * dy) * 0.6};
      }
      instances.add(s);
      if (seen.add(s.imgId)) {
        images.add(new ImageEntry(s.imgId, s.imgPath));
      }
    }
    return new Annotations(instances, images);
  }

  /** {@code headboxes_src} of the head box file: [corner][x/y][person], one per annotated person. */
  private MatFile.Array headboxes(int people) {
    if (!FileIO.exists(headboxFile, null)) {
      throw new IllegalArgumentException("MpiiDataset: headbox_file " + headboxFile + " does not exist");
    }
    MatFile.Array boxes = MatFile.read(FileIO.get(headboxFile, null), headboxFile).get("headboxes_src");
    if (boxes == null) {
      throw new IllegalArgumentException(headboxFile + ": no numeric array 'headboxes_src'");
    }
    int[] d = boxes.dims();
    if (d.length != 3 || d[0] != 2 || d[1] != 2 || d[2] < people) {
      throw new IllegalArgumentException(
          headboxFile + ": 'headboxes_src' must be 2 x 2 x " + people + " (one box per person of " + annFile() + "), got "
              + java.util.Arrays.toString(d));
    }
    return boxes;
  }

  private PoseSample person(JsonRecord ann, int index) {
    double[] c = ann.getDoubles("center", 2);
    float side = (float) ann.getDouble("scale") * 200f;
    float cx = (float) c[0], cy = (float) c[1];
    if (cx != -1) {
      // numpy adds in float64 (15. / 200. is a Python float) and stores float32
      cy = (float) (cy + 15. / 200. * side);
    }
    cx -= 1;
    cy -= 1;
    double[] box = centreScaleBox(cx, cy, side);
    float x1 = (float) box[0], y1 = (float) box[1], x2 = (float) box[2], y2 = (float) box[3];
    int k = metainfo().numKeypoints();
    double[] joints = ann.getPoints("joints", k);
    double[] vis = ann.getDoubles("joints_vis", k);
    String image = ann.getString("image");
    PoseSample s = new PoseSample();
    s.id = index;
    try {
      s.imgId = Long.parseLong(image.split("\\.", -1)[0]);
    } catch (NumberFormatException e) {
      throw new CocoFormatException(ann.where() + ": key 'image' must be a number and an extension, got '" + image + "'");
    }
    s.imgPath = imgPath(image);
    s.bboxCenter = new double[][] {{cx, cy}};
    s.bboxScale = new double[][] {{side, side}};
    s.bbox = new double[][] {box};
    s.bboxScore = new double[] {1.0};
    s.keypoints = new double[1][k][2];
    s.keypointsVisible = new double[1][k];
    for (int j = 0; j < k; j++) {
      s.keypoints[0][j][0] = (float) joints[2 * j];
      s.keypoints[0][j][1] = (float) joints[2 * j + 1];
      s.keypointsVisible[0][j] = vis[j];
    }
    // float32 arithmetic on the float32 box, as MMPose computes it
    s.area = Math.max(1f, (x2 - x1) * (y2 - y1) * 0.53f);
    s.categoryId = ann.getInt("category_id", 1);
    s.numKeypoints = NO_NUM_KEYPOINTS;
    return s;
  }
}

package io.posekit.tfmodels.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import io.posekit.tfmodels.structures.CocoFormatException;
import io.posekit.tfmodels.structures.JsonRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a COCO keypoint results file ({@code *.keypoints.json}: a list of results) for evaluation. */
public final class KeypointResultsFile {
  private KeypointResultsFile() {}

  public static List<KeypointResult> load(Path file) {
    JsonNode root = io.posekit.tfmodels.structures.CocoJson.read(file, "keypoint results file");
    if (!root.isArray()) {
      throw new CocoFormatException(file + ": keypoint results must be a list of objects");
    }
    List<KeypointResult> out = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonRecord r = new JsonRecord(root.get(i), file + ": [" + i + "]");
      double[] keypoints = r.getDoubles("keypoints", -1);
      if (keypoints.length % 3 != 0) {
        throw new CocoFormatException(r.where() + ": key 'keypoints' must hold x, y, score triplets");
      }
      double[] bbox = r.has("bbox") ? r.getDoubles("bbox", 4) : null;
      out.add(new KeypointResult(r.getLong("image_id"), r.getInt("category_id"), keypoints, r.getDouble("score"), bbox));
    }
    return out;
  }
}

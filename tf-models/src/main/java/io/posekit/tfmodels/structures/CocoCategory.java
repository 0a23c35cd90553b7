package io.posekit.tfmodels.structures;

import java.util.ArrayList;
import java.util.List;

/** One entry of the {@code categories} list; {@code skeleton} links are 1-based, as COCO writes them. */
public record CocoCategory(
    int id, String name, String supercategory, List<String> keypoints, List<int[]> skeleton) {

  public CocoCategory {
    keypoints = List.copyOf(keypoints);
    skeleton = List.copyOf(skeleton);
  }

  static CocoCategory read(JsonRecord r) {
    List<int[]> skeleton = new ArrayList<>();
    if (r.has("skeleton")) {
      for (int i = 0; i < r.node().get("skeleton").size(); i++) {
        var link = r.node().get("skeleton").get(i);
        if (!link.isArray() || link.size() != 2 || !link.get(0).isIntegralNumber() || !link.get(1).isIntegralNumber()) {
          throw new CocoFormatException(r.where() + ": key 'skeleton'[" + i + "] must be a pair of integers");
        }
        skeleton.add(new int[] {link.get(0).asInt(), link.get(1).asInt()});
      }
    }
    return new CocoCategory(
        r.getInt("id"),
        r.getString("name"),
        r.getString("supercategory", ""),
        r.has("keypoints") ? r.getStrings("keypoints") : List.of(),
        skeleton);
  }
}

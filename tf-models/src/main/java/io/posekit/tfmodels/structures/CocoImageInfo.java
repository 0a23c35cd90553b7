package io.posekit.tfmodels.structures;

/** One entry of the {@code images} list of a COCO annotation file. */
public record CocoImageInfo(long id, String fileName, int width, int height) {

  static CocoImageInfo read(JsonRecord r) {
    return new CocoImageInfo(r.getLong("id"), r.getString("file_name"), r.getInt("width"), r.getInt("height"));
  }
}

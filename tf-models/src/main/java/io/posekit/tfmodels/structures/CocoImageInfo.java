package io.posekit.tfmodels.structures;

/**
 * One entry of the {@code images} list of a COCO annotation file. Width and height are -1 when the
 * file has none (pycocotools does not need them; the data sets that clip boxes to the image ask
 * for them through {@link #requireSize}).
 */
public record CocoImageInfo(long id, String fileName, int width, int height) {

  static CocoImageInfo read(JsonRecord r) {
    return new CocoImageInfo(r.getLong("id"), r.getString("file_name"), r.getInt("width", -1), r.getInt("height", -1));
  }

  /** Fails naming the image when the file gave no width or height. */
  public void requireSize(String source) {
    if (width < 0 || height < 0) {
      throw new CocoFormatException(source + ": image id=" + id + " (" + fileName + ") has no 'width' and 'height'");
    }
  }
}

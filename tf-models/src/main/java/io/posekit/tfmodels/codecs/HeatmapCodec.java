package io.posekit.tfmodels.codecs;

import java.util.List;

/** A codec whose head predicts one (K, H, W) heatmap stack per sample. */
public interface HeatmapCodec extends KeypointCodec {
  /** Decodes one sample's heatmaps; may modulate them in place (DARK's blur), as MMPose does on its copy. */
  DecodedKeypoints decode(Heatmaps heatmaps);

  /** Width and height of the heatmaps this codec works on, MMPose's {@code heatmap_size} (w, h). */
  int[] heatmapSize();

  @Override
  default DecodedKeypoints decode(List<NdFloats> outputs) {
    if (outputs.size() != 1 || outputs.get(0).rank() != 3) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " decodes one (K, H, W) heatmap stack, got " + outputs);
    }
    NdFloats h = outputs.get(0);
    return decode(new Heatmaps(h.data().clone(), (int) h.size(0), (int) h.size(1), (int) h.size(2)));
  }
}

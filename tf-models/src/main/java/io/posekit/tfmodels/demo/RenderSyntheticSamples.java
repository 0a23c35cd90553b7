package io.posekit.tfmodels.demo;

import io.posekit.tfmodels.datasets.CocoDataset;
import io.posekit.tfmodels.datasets.DataMode;
import io.posekit.tfmodels.datasets.DataPrefix;
import io.posekit.tfmodels.structures.PoseSample;
import io.posekit.tfmodels.transforms.LoadImage;
import io.posekit.tfmodels.transforms.PackPoseInputs;
import io.posekit.tfmodels.visualization.PoseLocalVisualizer;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Renders the first synthetic images with their ground truth (all people of an image, through
 * {@link CocoDataset} in bottom-up mode) into one PNG grid, to check the generator and the
 * visualizer by eye. Usage: {@code RenderSyntheticSamples OUT_PNG [count=4] [seed=0]}.
 */
public final class RenderSyntheticSamples {
  private RenderSyntheticSamples() {}

  public static BufferedImage render(Path dataDir, int count, long seed) {
    SyntheticCocoGenerator.generate(
        SyntheticCocoGenerator.Options.defaults(dataDir).withSeed(seed).withCounts(count, 0));
    CocoDataset data =
        new CocoDataset(
            "annotations/person_keypoints_train2017.json", null, DataMode.BOTTOMUP, null, dataDir.toString(),
            new DataPrefix("train2017/"), null, null, true,
            List.of(new LoadImage(false, true, false, null), new PackPoseInputs(new String[] {"img_id", "img_path", "ori_shape"})), false,
            false, 1000, 1);
    PoseLocalVisualizer vis =
        new PoseLocalVisualizer("visualizer", List.of(), null, "green", "red", null, null, 2, 3, 0.3, 1.0, false);
    vis.setDatasetMeta(data.metainfo());
    List<BufferedImage> panels = new ArrayList<>();
    for (int i = 0; i < Math.min(count, data.size()); i++) {
      PoseSample s = data.get(i, new SplittableRandom(i));
      panels.add(
          vis.addDatasample(
              "sample_" + i, PoseLocalVisualizer.toBufferedImage(s.inputs), s.dataSample, true, false, true, null, 0));
    }
    int cols = (int) Math.ceil(Math.sqrt(panels.size()));
    int rows = (panels.size() + cols - 1) / cols;
    int w = panels.get(0).getWidth(), h = panels.get(0).getHeight();
    BufferedImage grid = new BufferedImage(cols * w + (cols - 1) * 4, rows * h + (rows - 1) * 4, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = grid.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
    for (int i = 0; i < panels.size(); i++) {
      g.drawImage(panels.get(i), (i % cols) * (w + 4), (i / cols) * (h + 4), null);
    }
    g.dispose();
    return grid;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: RenderSyntheticSamples OUT_PNG [count=4] [seed=0]");
      System.exit(2);
    }
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 0;
    Path tmp = Files.createTempDirectory("posekit-render");
    BufferedImage grid = render(tmp, count, seed);
    PoseLocalVisualizer.savePng(grid, Path.of(args[0]));
    System.out.println("wrote " + args[0] + " (" + grid.getWidth() + " x " + grid.getHeight() + ") from data in " + tmp);
  }
}

package io.posekit.tfmodels.evaluation;

/**
 * The matching of one image, category and area range (one {@code evalImgs} entry of COCOeval):
 * detections in score order, ground truths with ignored ones last; matches hold the partner's id
 * or -1, per IoU threshold.
 */
record ImageEvaluation(
    long imageId,
    int categoryId,
    long[] dtIds,
    long[] gtIds,
    long[][] dtMatches,
    long[][] gtMatches,
    double[] dtScores,
    boolean[] gtIgnore,
    boolean[][] dtIgnore) {}

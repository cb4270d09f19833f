/**
 * Face landmark estimation: the stacked-hourglass heatmap regressor {@link
 * dev.facesr.models.landmarks.LandmarkHourglass}, Gaussian target heatmaps for training, heatmap
 * decoding with sub-pixel refinement and the 5-point subset of the 68-point layout. All positions
 * use the pixel-centre convention ((0, 0) is the centre of the top-left pixel).
 */
package dev.facesr.models.landmarks;

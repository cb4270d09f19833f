/**
 * Face datasets for training and evaluation, as DJL {@link
 * ai.djl.training.dataset.RandomAccessDataset}s with builders.
 *
 * <p>Sources of faces ({@link dev.facesr.core.data.FaceDataset} subclasses): {@link
 * dev.facesr.core.data.ImageFolderDataset} (any folder, optionally one sub-folder per identity),
 * {@link dev.facesr.core.data.CelebADataset} (the aligned CelebA layout with identities) and
 * {@link dev.facesr.core.data.LandmarkDataset} (68-point and 5-point CSV layouts). Each decodes
 * its images lazily, per record, on whatever thread asks (DJL's prefetching loader threads when
 * {@code getData(manager, executor)} is used), converts them to RGB, and applies a {@link
 * dev.facesr.core.data.CropPolicy} and a {@link dev.facesr.core.data.FaceAugmentation} that move
 * the landmarks along. {@link dev.facesr.core.data.FacePairDataset} turns any of them into
 * training pairs (LR at one or more scales from {@link dev.facesr.core.degrade.Degradation}s,
 * HR, identity, landmarks). Record layouts are documented on each class and in {@code
 * docs/data.md}.
 *
 * <p>Conventions: images are float32 RGB CHW in [0, 1]; landmarks are (P, 2) float32 (x, y)
 * pixels of the image they belong to, with (0, 0) the centre of the top-left pixel.
 */
package dev.facesr.core.data;

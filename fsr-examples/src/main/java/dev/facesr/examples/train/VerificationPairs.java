package dev.facesr.examples.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The deterministic verification pairs of the identity evaluation, drawn from a labelled image
 * list (e.g. CelebA val) in the LFW layout: {@code folds} consecutive folds, each holding {@code
 * positives / folds} same-identity pairs followed by {@code negatives / folds}
 * different-identity pairs, so the contiguous folds of {@link
 * dev.facesr.metrics.identity.VerificationProtocol} are balanced.
 *
 * <p>Drawing, with one {@link SplittableRandom} seeded by {@code seed}: first all positives
 * (pick an identity with at least two images uniformly, then two distinct images of it
 * uniformly), then all negatives (two images uniformly, rejected when of the same identity);
 * unordered duplicates are rejected and redrawn. Within a pair the lower image index comes
 * first. The same inputs always give the same pairs.
 */
public final class VerificationPairs {

    /**
     * One pair of images.
     *
     * @param first the index of the first image (the gallery side in cross-resolution tests)
     * @param second the index of the second image (the probe side)
     * @param same whether both images show the same identity
     */
    public record Pair(int first, int second, boolean same) {}

    private VerificationPairs() {}

    /**
     * Draws the pairs.
     *
     * @param identityOfImage the identity (class index) of every image
     * @param positives the number of same-identity pairs, a multiple of {@code folds}
     * @param negatives the number of different-identity pairs, a multiple of {@code folds}
     * @param folds the number of folds, at least 1
     * @param seed the seed
     * @return {@code positives + negatives} pairs in fold order
     * @throws IllegalArgumentException when the counts are not multiples of the folds or the
     *     images do not allow that many distinct pairs
     */
    public static List<Pair> draw(
            int[] identityOfImage, int positives, int negatives, int folds, long seed) {
        if (folds < 1 || positives < folds || negatives < folds
                || positives % folds != 0 || negatives % folds != 0) {
            throw new IllegalArgumentException(
                    "positives (" + positives + ") and negatives (" + negatives + ") must be"
                            + " positive multiples of the number of folds (" + folds + ")");
        }
        int n = identityOfImage.length;
        int classes = 0;
        for (int id : identityOfImage) {
            if (id < 0) {
                throw new IllegalArgumentException("identity indices must be >= 0, got " + id);
            }
            classes = Math.max(classes, id + 1);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            byClass.get(identityOfImage[i]).add(i);
        }
        List<List<Integer>> eligible = new ArrayList<>();
        long possiblePositives = 0;
        for (List<Integer> images : byClass) {
            if (images.size() >= 2) {
                eligible.add(images);
                possiblePositives += (long) images.size() * (images.size() - 1) / 2;
            }
        }
        long possibleAll = (long) n * (n - 1) / 2;
        long possibleNegatives = possibleAll - possiblePositives;
        if (possiblePositives < positives || possibleNegatives < negatives) {
            throw new IllegalArgumentException(
                    "The " + n + " images allow " + possiblePositives + " same-identity and "
                            + possibleNegatives + " different-identity pairs, fewer than the "
                            + positives + " + " + negatives + " requested; ask for fewer pairs");
        }
        SplittableRandom random = new SplittableRandom(seed);
        Set<Long> seen = new HashSet<>();
        List<Pair> pos = new ArrayList<>(positives);
        while (pos.size() < positives) {
            List<Integer> images = eligible.get(random.nextInt(eligible.size()));
            int a = images.get(random.nextInt(images.size()));
            int b = images.get(random.nextInt(images.size()));
            if (a != b && seen.add(key(a, b, n))) {
                pos.add(new Pair(Math.min(a, b), Math.max(a, b), true));
            }
        }
        List<Pair> neg = new ArrayList<>(negatives);
        while (neg.size() < negatives) {
            int a = random.nextInt(n);
            int b = random.nextInt(n);
            if (identityOfImage[a] != identityOfImage[b] && seen.add(key(a, b, n))) {
                neg.add(new Pair(Math.min(a, b), Math.max(a, b), false));
            }
        }
        List<Pair> ordered = new ArrayList<>(positives + negatives);
        int p = positives / folds;
        int q = negatives / folds;
        for (int f = 0; f < folds; f++) {
            ordered.addAll(pos.subList(f * p, (f + 1) * p));
            ordered.addAll(neg.subList(f * q, (f + 1) * q));
        }
        return Collections.unmodifiableList(ordered);
    }

    private static long key(int a, int b, int n) {
        return (long) Math.min(a, b) * n + Math.max(a, b);
    }
}

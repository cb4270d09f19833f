package dev.facesr.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Runs a frozen network and returns chosen intermediate outputs, for perceptual and identity
 * losses.
 *
 * <p>Two kinds: {@link #ofLayers(SequentialBlock, int...)} runs a {@link SequentialBlock} child by
 * child and keeps the outputs of the chosen children (0-based, stopping after the last one);
 * {@link #ofBlock(Block)} runs any block whose forward pass returns the features as an {@link
 * NDList}. Creating an extractor <b>freezes every parameter of the block</b> ({@link
 * Block#freezeParameters(boolean)}): no gradient reaches the network, while gradients still flow
 * through it to its input. The forward pass runs in inference mode (batch-norm statistics are not
 * updated). The block must be initialised (or loaded) before the first {@link #extract}.
 */
public final class FeatureExtractor {

    private final Block block;
    private final int[] layers;
    private final UnaryOperator<NDArray> inputTransform;

    private FeatureExtractor(Block block, int[] layers, UnaryOperator<NDArray> inputTransform) {
        this.block = block;
        this.layers = layers;
        this.inputTransform = inputTransform;
        block.freezeParameters(true);
    }

    /**
     * An extractor of the outputs of chosen children of a sequential network (e.g. the ReLUs of
     * a VGG).
     *
     * @param block the network, frozen by this call
     * @param layerIndices 0-based child indices, strictly increasing
     * @return the extractor
     * @throws IllegalArgumentException if no index is given or an index is out of range or out of
     *     order
     */
    public static FeatureExtractor ofLayers(SequentialBlock block, int... layerIndices) {
        Objects.requireNonNull(block, "FeatureExtractor: block must not be null");
        if (layerIndices == null || layerIndices.length == 0) {
            throw new IllegalArgumentException(
                    "FeatureExtractor: give at least one layer index (0-based child of the"
                            + " SequentialBlock)");
        }
        int children = block.getChildren().size();
        for (int i = 0; i < layerIndices.length; i++) {
            int index = layerIndices[i];
            if (index < 0 || index >= children) {
                throw new IllegalArgumentException(
                        "FeatureExtractor: layer index "
                                + index
                                + " is out of range; the SequentialBlock has "
                                + children
                                + " children (indices 0.."
                                + (children - 1)
                                + ")");
            }
            if (i > 0 && index <= layerIndices[i - 1]) {
                throw new IllegalArgumentException(
                        "FeatureExtractor: layer indices must be strictly increasing but got "
                                + Arrays.toString(layerIndices));
            }
        }
        return new FeatureExtractor(block, layerIndices.clone(), UnaryOperator.identity());
    }

    /**
     * An extractor that returns whatever the block's forward pass returns (each entry one
     * feature map, or one (N, D) embedding).
     *
     * @param block the network, frozen by this call
     * @return the extractor
     */
    public static FeatureExtractor ofBlock(Block block) {
        Objects.requireNonNull(block, "FeatureExtractor: block must not be null");
        return new FeatureExtractor(block, null, UnaryOperator.identity());
    }

    /**
     * Returns a copy that transforms the input before the network, e.g. to normalise [0, 1]
     * images with the ImageNet mean and deviation a VGG was trained with.
     *
     * @param transform applied to the NCHW images, must be differentiable NDArray operations
     * @return a new extractor on the same (frozen) block
     */
    public FeatureExtractor withInputTransform(UnaryOperator<NDArray> transform) {
        Objects.requireNonNull(transform, "FeatureExtractor: input transform must not be null");
        return new FeatureExtractor(block, layers, transform);
    }

    /**
     * Returns the number of features {@link #extract} returns, or -1 if only the block knows.
     *
     * @return the number of chosen layers, or -1 for {@link #ofBlock}
     */
    public int featureCount() {
        return layers == null ? -1 : layers.length;
    }

    /**
     * Returns the frozen network.
     *
     * @return the block
     */
    public Block getBlock() {
        return block;
    }

    /**
     * Runs the network on a batch and returns the chosen features, in layer order.
     *
     * @param images the input batch (usually NCHW); gradients flow back to it
     * @return the features, each with the batch on axis 0
     * @throws IllegalStateException if the block is not initialised
     */
    public NDList extract(NDArray images) {
        if (!block.isInitialized()) {
            throw new IllegalStateException(
                    "FeatureExtractor: the network is not initialised; call block.initialize("
                            + "manager, DataType.FLOAT32, inputShape) or load its parameters"
                            + " first");
        }
        ParameterStore store = new ParameterStore(images.getManager(), false);
        NDList current = new NDList(inputTransform.apply(images));
        if (layers == null) {
            return block.forward(store, current, false);
        }
        NDList features = new NDList(layers.length);
        List<Block> children = block.getChildren().values();
        int next = 0;
        for (int i = 0; i <= layers[layers.length - 1]; i++) {
            current = children.get(i).forward(store, current, false);
            if (i == layers[next]) {
                features.add(current.singletonOrThrow());
                next++;
            }
        }
        return features;
    }
}

package dev.facesr.models.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GalleryTest {
    static final EmbedderId MODEL = new EmbedderId("m", 3);

    @Test
    void ranksByCosineAgainstTheMeanTemplate() {
        Gallery g = Gallery.empty(MODEL)
                .withEnrolled("x", List.of(new float[] {2, 0, 0}))
                .withEnrolled("xy", List.of(new float[] {1, 0, 0}, new float[] {0, 5, 0}))
                .withEnrolled("z", List.of(new float[] {0, 0, 1}));
        List<Candidate> c = g.rank(new float[] {1, 0, 0}, 5);
        assertThat(c).extracting(Candidate::name).containsExactly("x", "xy", "z");
        assertThat(c.get(0).score()).isEqualTo(1.0);
        assertThat(c.get(1).score()).isCloseTo(Math.sqrt(0.5), org.assertj.core.data.Offset.offset(1e-7));
        assertThat(c.get(1).imageCount()).isEqualTo(2);
        assertThat(c.get(2).score()).isEqualTo(0.0);
        assertThat(g.rank(new float[] {1, 0, 0}, 1)).hasSize(1);
    }

    @Test
    void changesReturnNewGalleriesAndLeaveTheOldOneAlone() {
        Gallery a = Gallery.empty(MODEL).withEnrolled("p", List.of(new float[] {1, 0, 0}));
        Gallery b = a.withEnrolled("p", List.of(new float[] {0, 1, 0})).withThreshold(0.3);
        Gallery c = b.without("p");
        assertThat(a.get("p").orElseThrow().imageCount()).isEqualTo(1);
        assertThat(a.threshold()).isEmpty();
        assertThat(b.get("p").orElseThrow().imageCount()).isEqualTo(2);
        assertThat(b.threshold()).hasValue(0.3);
        assertThat(c.size()).isZero();
        assertThat(c.threshold()).hasValue(0.3);
        assertThat(c.without("nobody")).isSameAs(c);
        assertThat(b.withoutThreshold().threshold()).isEmpty();
    }

    @Test
    void rejectsBadEmbeddingsNamesAndThresholds() {
        Gallery g = Gallery.empty(MODEL);
        assertThatThrownBy(() -> g.withEnrolled("a", List.of(new float[] {1, 2}))).hasMessageContaining("2 values, expected 3");
        assertThatThrownBy(() -> g.withEnrolled("a", List.of(new float[] {0, 0, 0}))).hasMessageContaining("zero vector");
        assertThatThrownBy(() -> g.withEnrolled("a", List.of(new float[] {Float.NaN, 0, 1}))).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> g.withEnrolled("a", List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> g.withEnrolled("a\nb", List.of(new float[] {1, 0, 0}))).hasMessageContaining("control");
        assertThatThrownBy(() -> g.withEnrolled("x".repeat(201), List.of(new float[] {1, 0, 0}))).hasMessageContaining("200");
        assertThatThrownBy(() -> g.withEnrolled("a", List.of(new float[] {1, 0, 0}, new float[] {-1, 0, 0})))
                .hasMessageContaining("cancel out");
        assertThatThrownBy(() -> g.withThreshold(2)).hasMessageContaining("[-1, 1]");
        assertThatThrownBy(() -> g.rank(new float[] {1, 0, 0}, 0)).hasMessageContaining("k must be");
        assertThatThrownBy(() -> new EmbedderId("m", 0)).hasMessageContaining("positive");
    }
}

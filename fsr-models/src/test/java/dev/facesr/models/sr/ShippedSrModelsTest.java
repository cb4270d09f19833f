package dev.facesr.models.sr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facesr.models.zoo.Architectures;
import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.models.zoo.ModelCard;
import org.junit.jupiter.api.Test;

class ShippedSrModelsTest {

    @Test
    void everyTrainableModelMatchesItsShippedCard() throws Exception {
        FsrModelZoo zoo = FsrModelZoo.classpath();
        for (ShippedSrModels m : ShippedSrModels.values()) {
            ModelCard card = zoo.card(m.modelName());
            var network = m.newNetwork();
            // the trainer's network is what the zoo rebuilds from the card: same architecture, same arguments
            assertThat(card.architecture()).as(m.modelName()).isEqualTo(Architectures.nameOf(network));
            // JSON reads floats back as doubles: compare the block the zoo rebuilds from the card
            assertThat(Architectures.build(card.architecture(), card.arguments()).arguments())
                    .as(m.modelName()).isEqualTo(network.arguments());
            assertThat(card.inputSize()).as(m.modelName()).isEqualTo(m.inputSize());
            assertThat(ShippedSrModels.byName(m.modelName())).isSameAs(m);
        }
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        assertThatThrownBy(() -> ShippedSrModels.byName("fsr-x3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fsr-x3").hasMessageContaining("fast-x4");
    }
}

package dev.facesr.models.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FaceRecognizerConcurrencyTest {

    @Test
    void eightIdentifyingThreadsWhileTwoEnrol() throws Exception {
        int identifiers = 8;
        int rounds = 25;
        int enrollers = 2;
        int perEnroller = 10;
        List<FaceInput> probes = new ArrayList<>();
        for (int p = 0; p < FaceRecognizerTest.PEOPLE; p++) {
            probes.add(FaceRecognizerTest.hr(p, 9));
        }
        // each enrolment call adds 2 images: a complete snapshot only has even image counts
        List<FaceInput[]> newPeople = new ArrayList<>();
        for (int i = 0; i < enrollers * perEnroller; i++) {
            newPeople.add(new FaceInput[] {FaceRecognizerTest.hr(100 + i, 0), FaceRecognizerTest.hr(100 + i, 1)});
        }
        ExecutorService pool = Executors.newFixedThreadPool(identifiers + enrollers);
        try (FaceRecognizer r = FaceRecognizerTest.enrolled(FaceRecognizerTest.base())) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < identifiers; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    int lastSize = 0;
                    for (int i = 0; i < rounds; i++) {
                        int person = (thread + i) % FaceRecognizerTest.PEOPLE;
                        Identification id = r.identify(probes.get(person), 100);
                        assertThat(id.gallerySize()).isGreaterThanOrEqualTo(lastSize);
                        lastSize = id.gallerySize();
                        assertThat(id.candidates()).hasSize(id.gallerySize());
                        assertThat(id.candidates()).allSatisfy(c -> assertThat(c.imageCount()).isEqualTo(2));
                        assertThat(id.match().map(Candidate::name)).contains("person" + person);
                    }
                    return lastSize;
                }));
            }
            for (int t = 0; t < enrollers; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perEnroller; i++) {
                        int k = thread * perEnroller + i;
                        assertThat(r.enroll("new" + k, newPeople.get(k)).imageCount()).isEqualTo(2);
                    }
                    return perEnroller;
                }));
            }
            start.countDown();
            for (Future<Integer> f : futures) {
                f.get(120, TimeUnit.SECONDS); // rethrows any assertion error or exception
            }
            assertThat(r.names()).hasSize(FaceRecognizerTest.PEOPLE + enrollers * perEnroller);
            assertThat(r.gallery().identities()).allSatisfy(i -> assertThat(i.imageCount()).isEqualTo(2));
            // the result equals a sequential identify on the final gallery
            Identification last = r.identify(probes.get(0), 3);
            assertThat(last.best().orElseThrow().name()).isEqualTo("person0");
        } finally {
            pool.shutdownNow();
        }
    }
}

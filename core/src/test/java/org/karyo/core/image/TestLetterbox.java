package org.karyo.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.karyo.core.geometry.RotatedBox;

class TestLetterbox {

    @Test
    void keepsAspectRatioAndFitsTheLimitingSide() {
        Letterbox lb = Letterbox.fit(3200, 2200, 768, 512);
        assertEquals(Math.min(768 / 3200.0, 512 / 2200.0), lb.scale(), 1e-12);
        assertEquals(512, lb.resizedHeight());
        assertEquals(745, lb.resizedWidth()); // 3200 * 512/2200 = 744.7
        Letterbox wide = Letterbox.fit(1440, 1024, 768, 512);
        assertEquals(720, wide.resizedWidth()); // 1024 is the limiting side: scale 0.5
        assertEquals(512, wide.resizedHeight());
    }

    @Test
    void boxesMapBackExactly() {
        Letterbox lb = Letterbox.fit(693, 553, 768, 512);
        RotatedBox img = RotatedBox.of(300, 200, 50, 12, 77);
        RotatedBox back = lb.toImage(lb.toNetwork(img));
        assertEquals(1.0, back.iou(img), 1e-12);
        assertEquals(77, back.angle(), 1e-12);
    }

    @Test
    void refusesEmptyImages() {
        assertThrows(IllegalArgumentException.class, () -> Letterbox.fit(0, 10, 768, 512));
    }
}

package kz.qujat.app.ui.common

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.background
import androidx.compose.foundation.layout.aspectRatio
import androidx.compose.runtime.Composable
import androidx.compose.runtime.remember
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import kotlin.math.floor
import kz.qujat.app.logic.model.QrMatrix

/**
 * A QR symbol drawn from the core's module matrix: black on white whatever the theme (scanners
 * need the contrast), whole pixels per module so edges stay crisp, and the quiet zone included.
 */
@Composable
fun QrImage(qr: QrMatrix, description: String, modifier: Modifier = Modifier) {
    val dark = remember(qr) {
        buildList {
            for (y in 0 until qr.width) for (x in 0 until qr.width) if (qr.isDark(x, y)) add(x to y)
        }
    }
    Canvas(
        modifier
            .aspectRatio(1f)
            .background(Color.White)
            .semantics { contentDescription = description },
    ) {
        val n = qr.sizeWithQuietZone
        val cell = floor(size.minDimension / n).coerceAtLeast(1f)
        val origin = (size.minDimension - cell * n) / 2 + cell * QrMatrix.QUIET_ZONE
        val module = Size(cell, cell)
        for ((x, y) in dark) {
            drawRect(Color.Black, topLeft = Offset(origin + x * cell, origin + y * cell), size = module)
        }
    }
}

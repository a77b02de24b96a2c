package kz.qujat.app.ui.theme

import androidx.compose.foundation.isSystemInDarkTheme
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.darkColorScheme
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.graphics.Color
import kz.qujat.app.logic.verify.Tone

private val Teal = Color(0xFF00696E)
private val Sand = Color(0xFFFFD27A)

@Composable
fun QujatTheme(content: @Composable () -> Unit) {
    val scheme = if (isSystemInDarkTheme()) {
        darkColorScheme(primary = Color(0xFF4CD9DF), secondary = Sand)
    } else {
        lightColorScheme(primary = Teal, secondary = Color(0xFF7A5900))
    }
    MaterialTheme(colorScheme = scheme, content = content)
}

/**
 * The result screen's colours. Fixed (not from the theme) so that the employer learns one
 * green, one amber, one red and one grey, in light and dark mode alike; each pairs with white
 * or black text at WCAG AA contrast or better.
 */
object VerdictColors {
    fun background(tone: Tone): Color = when (tone) {
        Tone.ACCEPT -> Color(0xFF1B7F3B)
        Tone.CAUTION -> Color(0xFFF2A900)
        Tone.REJECT -> Color(0xFFC62828)
        Tone.NEUTRAL -> Color(0xFF455A64)
    }

    fun onBackground(tone: Tone): Color = if (tone == Tone.CAUTION) Color.Black else Color.White
}

package kz.qujat.app.logic

import java.io.File
import javax.xml.parsers.DocumentBuilderFactory
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test

/**
 * The apps' wording in kk/ru/en: the same keys in every language on both platforms, the same
 * format arguments in every translation, nothing empty, and no word that mixes Cyrillic and
 * Latin letters (a Latin `i` for Kazakh `і` looks right and reads wrong).
 */
class TranslationsTest {
    private val repo: File? = System.getProperty("qujat.repo")?.let(::File)

    /** Every `strings*.xml` of a values folder (one file a feature), as one map; no key twice. */
    private fun androidStrings(folder: String): Map<String, String> {
        val files = File(repo, "android/app/src/main/res/$folder").listFiles { f ->
            f.name.startsWith("strings") && f.name.endsWith(".xml")
        }.orEmpty().sortedBy { it.name }
        assertTrue(files.any { it.name == "strings.xml" }, "$folder/strings.xml is missing")
        val all = mutableMapOf<String, String>()
        for (file in files) {
            val doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file)
            val nodes = doc.getElementsByTagName("string")
            for (i in 0 until nodes.length) {
                val e = nodes.item(i)
                val name = e.attributes.getNamedItem("name").nodeValue
                assertTrue(all.put(name, e.textContent) == null, "$folder: $name is defined twice")
            }
        }
        return all
    }

    private fun iosStrings(lang: String): Map<String, String> {
        val file = File(repo, "ios/QujatApp/Resources/$lang.lproj/Localizable.strings")
        val line = Regex("""^"([a-z0-9_]+)" = "(.*)";$""")
        return file.readLines().mapNotNull { line.find(it) }.associate { it.groupValues[1] to it.groupValues[2] }
    }

    private fun args(s: String): List<String> = Regex("""%(\d)\$([sd@])""").findAll(s)
        .map { it.groupValues[1] + (if (it.groupValues[2] == "d") "d" else "s") }.sorted().toList()

    private val mixed = Regex("""\p{IsCyrillic}+[a-zA-Z]|[a-zA-Z]+\p{IsCyrillic}""")

    @Test
    fun `Android has every string in kk, ru and en with the same arguments`() {
        assumeTrue(repo != null, "run through scripts/jvm-test.sh")
        val en = androidStrings("values")
        val ru = androidStrings("values-ru")
        val kk = androidStrings("values-kk")
        assertEquals(en.keys - "app_name", ru.keys)
        assertEquals(en.keys - "app_name", kk.keys)
        for ((k, v) in en) {
            for ((lang, t) in listOf("ru" to ru, "kk" to kk)) {
                val other = t[k] ?: continue
                assertEquals(args(v), args(other), "$lang/$k")
                assertTrue(other.isNotBlank(), "$lang/$k is empty")
                assertTrue(!mixed.containsMatchIn(other), "$lang/$k mixes scripts: $other")
            }
        }
    }

    @Test
    fun `iOS has the Android keys in the three languages, with the same arguments`() {
        assumeTrue(repo != null, "run through scripts/jvm-test.sh")
        val android = androidStrings("values")
        for (lang in listOf("en", "ru", "kk")) {
            val ios = iosStrings(lang)
            assertTrue(ios.keys.containsAll(android.keys), "$lang: missing ${android.keys - ios.keys}")
            val androidLang = if (lang == "en") android else androidStrings("values-$lang")
            for ((k, v) in androidLang) assertEquals(args(v), args(ios.getValue(k)), "$lang/$k")
            for ((k, v) in ios) assertTrue(!mixed.containsMatchIn(v), "$lang/$k mixes scripts: $v")
        }
    }
}

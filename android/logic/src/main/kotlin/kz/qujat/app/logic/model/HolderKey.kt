package kz.qujat.app.logic.model

import kz.qujat.app.logic.port.Rules

/**
 * The holder's public key as the diploma list shows it and hands it to the university, which
 * issues the diploma to it: [grouped] to read aloud and compare (the core's groups of four hex
 * digits), [hex] for the clipboard and the share sheet (64 lower-case hex digits, nothing else:
 * what `qujat issuer issue --holder-key` and an issuer's tools take, pasted or saved as a file).
 * A public key, not a secret: copied as a normal clip.
 */
data class HolderKey(val grouped: String, val hex: String) {
    companion object {
        /** The key [publicKey] (32 bytes, `Wallet.holderPublicKey()`) in both forms. */
        fun of(publicKey: ByteArray, rules: Rules): HolderKey =
            HolderKey(rules.groupedHex(publicKey), publicKey.joinToString("") { "%02x".format(it.toInt() and 0xFF) })
    }
}

package kz.qujat.app.bridge

import kz.qujat.app.logic.port.DocumentPdfRequest
import kz.qujat.app.logic.port.PdfPort
import kz.qujat.core.WalletException
import kz.qujat.core.DocumentPdfRequest as CoreRequest

/** Run a wallet call, turning the generated error into the screens' failure. */
private inline fun <T> call(block: () -> T): T =
    try {
        block()
    } catch (e: WalletException) {
        throw Mapping.failure(e)
    }

/** [PdfPort] over the same generated `Wallet` as [CoreWallet]: `Wallet.exportPdf` (docs/PDF.md). */
class CorePdf(private val wallet: CoreWallet) : PdfPort {
    override fun exportPdf(id: String, request: DocumentPdfRequest): ByteArray = call {
        wallet.wallet.exportPdf(
            id,
            CoreRequest(
                audience = request.audience,
                claims = request.claims.map(Mapping::claimId),
                // A negative count cannot come from the form (it clamps); 0 is refused by the core.
                validDays = request.validDays.coerceAtLeast(0).toUInt(),
                language = Mapping.language(request.language),
            ),
        )
    }
}

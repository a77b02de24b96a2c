package kz.qujat.app.ui.verify

import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.produceState
import androidx.compose.ui.res.stringResource
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import kz.qujat.app.AppGraph
import kz.qujat.app.R
import kz.qujat.app.logic.port.VerifierPort
import kz.qujat.app.logic.verify.VerifierAccess
import kz.qujat.app.ui.common.Busy
import kz.qujat.app.ui.common.Page

/**
 * [content] with the verifier, once [AppGraph.verifier] has been obtained on an I/O thread (the
 * first time it opens the state file and installs the shipped lists: never on the main thread).
 * Meanwhile a progress indicator; without a trust anchor, or when it cannot be opened, why.
 */
@Composable
fun WithVerifier(graph: AppGraph, content: @Composable (VerifierPort) -> Unit) {
    val access by produceState<VerifierAccess>(VerifierAccess.Loading, graph) {
        value = withContext(Dispatchers.IO) { VerifierAccess.load { graph.verifier } }
    }
    when (val a = access) {
        VerifierAccess.Loading -> Busy()
        VerifierAccess.NoAnchor -> Page { Text(stringResource(R.string.verifier_no_anchor)) }
        is VerifierAccess.Failed -> Page { Text(verifierFailureText(a.failure), color = MaterialTheme.colorScheme.error) }
        is VerifierAccess.Ready -> content(a.verifier)
    }
}

import CryptoKit
import Foundation
import QujatCore
import Security

/// The core's platform key store on iOS: one P-256 key per alias, generated inside the Secure
/// Enclave (`kSecAttrTokenIDSecureEnclave`) and never exportable; the vault's key bundle is
/// wrapped with ECIES to its public key (`eciesEncryptionCofactorVariableIVX963SHA256AESGCM`:
/// ephemeral ECDH, X9.63 KDF with SHA-256, AES-GCM), and only the enclave can unwrap it.
///
/// The key is `kSecAttrAccessibleWhenUnlockedThisDeviceOnly`: usable only while the phone is
/// unlocked, never in a backup, never migrated to another device. Like on Android, no user
/// presence (biometry / passcode) is required on top: the wallet authenticates the holder
/// itself with PIN + authenticator code, and a key bound to biometrics is destroyed when a
/// finger or face is enrolled, which would lose every diploma for a settings change.
///
/// A different key per alias binds each wrapped blob to its alias: bytes moved to another alias
/// do not decrypt. Without a Secure Enclave (the Simulator) the same scheme runs with a
/// Keychain-held key, and `isHardwareBacked()` says so.
final class KeychainKeyStore: PlatformKeyStore, @unchecked Sendable {
    private static let tagPrefix = "kz.qujat.keystore."
    private static let algorithm: SecKeyAlgorithm = .eciesEncryptionCofactorVariableIVX963SHA256AESGCM
    private static let version: UInt8 = 1

    private let useSecureEnclave = SecureEnclave.isAvailable

    func wrap(alias: String, plaintext: Data) throws -> Data {
        let key = try existingKey(alias) ?? createKey(alias)
        guard let pub = SecKeyCopyPublicKey(key) else { throw KeyStoreError.Unavailable }
        var error: Unmanaged<CFError>?
        guard let sealed = SecKeyCreateEncryptedData(pub, Self.algorithm, plaintext as CFData, &error) as Data? else {
            throw KeyStoreError.Unavailable
        }
        return Data([Self.version]) + sealed
    }

    func unwrap(alias: String, wrapped: Data) throws -> Data {
        guard let key = try existingKey(alias) else { throw KeyStoreError.KeyNotFound }
        guard wrapped.first == Self.version, wrapped.count > 1 else { throw KeyStoreError.InvalidData }
        var error: Unmanaged<CFError>?
        guard let plain = SecKeyCreateDecryptedData(key, Self.algorithm, wrapped.dropFirst() as CFData, &error) as Data? else {
            let code = (error?.takeRetainedValue()).map { CFErrorGetCode($0) } ?? 0
            if code == Int(errSecInteractionNotAllowed) { throw KeyStoreError.Unavailable }
            throw KeyStoreError.InvalidData
        }
        return plain
    }

    func delete(alias: String) throws {
        let status = SecItemDelete(try query(alias) as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else { throw KeyStoreError.Io }
    }

    /// The aliases of this store's keys that start with `prefix`: the core's key chain
    /// (`qujat-vault-<hex>.g<n>`), which it rotates at every unlock attempt, PIN change and wipe
    /// and lists to tell an older copy of its file from a lost key. `SecItemDelete` on a Secure
    /// Enclave key destroys it for good, which is what makes an older copy useless.
    func aliasesWithPrefix(prefix: String) throws -> [String] {
        let q: [String: Any] = [
            kSecClass as String: kSecClassKey,
            kSecAttrKeyType as String: kSecAttrKeyTypeECSECPrimeRandom,
            kSecMatchLimit as String: kSecMatchLimitAll,
            kSecReturnAttributes as String: true,
        ]
        var items: CFTypeRef?
        let status = SecItemCopyMatching(q as CFDictionary, &items)
        switch status {
        case errSecSuccess: break
        case errSecItemNotFound: return []
        case errSecInteractionNotAllowed: throw KeyStoreError.Unavailable // the phone is locked
        default: throw KeyStoreError.Io
        }
        guard let attributes = items as? [[String: Any]] else { return [] }
        return attributes.compactMap { a -> String? in
            guard let tag = a[kSecAttrApplicationTag as String] as? Data,
                  let name = String(data: tag, encoding: .utf8), name.hasPrefix(Self.tagPrefix) else { return nil }
            let alias = String(name.dropFirst(Self.tagPrefix.count))
            return alias.hasPrefix(prefix) ? alias : nil
        }
    }

    func isHardwareBacked() -> Bool { useSecureEnclave }

    // MARK: - Keychain

    private func tag(_ alias: String) throws -> Data {
        guard !alias.isEmpty, alias.count <= 64,
              alias.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw KeyStoreError.BadAlias
        }
        return Data((Self.tagPrefix + alias).utf8)
    }

    private func query(_ alias: String) throws -> [String: Any] {
        [
            kSecClass as String: kSecClassKey,
            kSecAttrKeyType as String: kSecAttrKeyTypeECSECPrimeRandom,
            kSecAttrApplicationTag as String: try tag(alias),
        ]
    }

    private func existingKey(_ alias: String) throws -> SecKey? {
        var q = try query(alias)
        q[kSecReturnRef as String] = true
        var item: CFTypeRef?
        let status = SecItemCopyMatching(q as CFDictionary, &item)
        switch status {
        case errSecSuccess:
            guard let item, CFGetTypeID(item) == SecKeyGetTypeID() else { throw KeyStoreError.Unavailable }
            return (item as! SecKey) // checked by the type id above
        case errSecItemNotFound:
            return nil
        case errSecInteractionNotAllowed:
            throw KeyStoreError.Unavailable // the phone is locked
        default:
            throw KeyStoreError.Io
        }
    }

    private func createKey(_ alias: String) throws -> SecKey {
        var error: Unmanaged<CFError>?
        guard let access = SecAccessControlCreateWithFlags(
            nil,
            kSecAttrAccessibleWhenUnlockedThisDeviceOnly,
            useSecureEnclave ? .privateKeyUsage : [],
            &error
        ) else { throw KeyStoreError.Unavailable }
        var attributes: [String: Any] = [
            kSecAttrKeyType as String: kSecAttrKeyTypeECSECPrimeRandom,
            kSecAttrKeySizeInBits as String: 256,
            kSecPrivateKeyAttrs as String: [
                kSecAttrIsPermanent as String: true,
                kSecAttrApplicationTag as String: try tag(alias),
                kSecAttrAccessControl as String: access,
            ] as [String: Any],
        ]
        if useSecureEnclave {
            attributes[kSecAttrTokenID as String] = kSecAttrTokenIDSecureEnclave
        }
        guard let key = SecKeyCreateRandomKey(attributes as CFDictionary, &error) else {
            throw KeyStoreError.Unavailable
        }
        return key
    }
}

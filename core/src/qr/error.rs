//! Errors of the QR module. Messages never contain the text or the image.

/// Why a QR operation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    /// The text does not fit even a version-40 symbol at the requested error-correction level.
    #[error("text too long for a QR code at this error-correction level")]
    TooLong,
    /// The QR encoder refused input it should have accepted (a bug, not a user error).
    #[error("the QR encoder failed unexpectedly")]
    EncoderFailed,
    /// Writing or reading PNG data failed.
    #[error(transparent)]
    Png(#[from] PngError),
    /// A rendered PNG would exceed [`MAX_PNG_SIDE`](crate::qr::MAX_PNG_SIDE) pixels per side.
    #[error("requested module size makes the image too large")]
    RenderTooLarge,
    /// The input image exceeds the decode limits (`DecodeLimits`, feature `qr-image`);
    /// refused before its pixels were allocated.
    #[error("image exceeds the size limit for QR decoding")]
    ImageTooLarge,
    /// A luma frame given to `decode_luma` is empty or its length is not width × height.
    #[error("the frame's length does not match its width and height")]
    FrameSize,
    /// The image holds no recognisable QR code.
    #[error("no QR code found in the image")]
    NoQrFound,
    /// A QR code was located but could not be read (damaged, blurred, cut off).
    #[error("a QR code was found but could not be read")]
    Unreadable,
    /// A QR code was read but its content is not UTF-8 text.
    #[error("the QR code does not contain UTF-8 text")]
    NotText,
}

/// What went wrong with PNG data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PngError {
    /// The bytes are not a valid (or not a complete) PNG image.
    #[error("the data is not a valid PNG image")]
    Malformed,
    /// The PNG encoder failed (a bug, not a user error).
    #[error("the PNG encoder failed")]
    EncodeFailed,
}

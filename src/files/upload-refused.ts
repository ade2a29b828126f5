// An upload the user must fix: the message goes next to the form field as it is.
export class UploadRefused extends Error {
  override name = 'UploadRefused'
}

/** The one place asterisk-image reaches into hardware-profiles (DAHDI planning and chan_dahdi.conf). */
export {
  CardSelection,
  DahdiOptions,
  HardwareConfigError,
  planDahdi,
  renderDahdiFilesFromPlan,
  DAHDI_FILE_PATHS,
} from '@edgecall/hardware-profiles';
export type {
  CardSelectionInput,
  DahdiFiles,
  DahdiOptionsInput,
  DahdiPlan,
  PlannedSpan,
} from '@edgecall/hardware-profiles';
